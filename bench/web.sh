#!/usr/bin/env bash
# The platform's speed targets, measured on the real built platform against PostgreSQL:
#   1. makes sure a PostgreSQL cluster runs (as test.sh does) with role koshi/koshi and the databases koshi_bench
#      (100,000 applications, kept between runs) and koshi_bench_empty (recreated each run);
#   2. builds src/Koshi.Web and bench/Koshi.Bench.Web in Release;
#   3. startup: process start to the first 200 from /healthz, on a new database (the first start migrates and seeds
#      the demo users), then on that database empty, then on the 100,000-application one, RUNS times each;
#   4. seeds 100,000 residence applications through the platform's own EF model and domain (once; RESEED=1 redoes it);
#   5. measures the officer queue and case page (API and page), and the scoring's added cost (in process and over HTTP).
# Usage: bench/web.sh        (RUNS=5 startups per database, COUNT=100000 applications, BUDGET=60 s per series, RESEED=1)
# Figures and the log go to bench/.data/web-<time>.md and .log; bench/RESULTS-web.md is written from them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="$ROOT/bench/.data"
mkdir -p "$DATA"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$DATA/web-$STAMP.md"
LOG="$DATA/web-$STAMP.log"
exec > >(tee "$LOG") 2>&1
RUNS=${RUNS:-5}
COUNT=${COUNT:-100000}
BUDGET=${BUDGET:-60}
PORT=${PORT:-5190}

. scripts/postgres.sh

echo "== machine"
{
  echo "# Web benchmark run $STAMP"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')"
  echo "- cores (nproc): $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
  echo "- memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "- dotnet $(dotnet --version); $(psql --version 2>/dev/null || echo 'psql missing')"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} | tee -a "$OUT"

echo "== PostgreSQL"
postgres_start
trap postgres_stop EXIT
if [ "${RESEED:-0}" = "1" ]; then
  psql_admin "-c \"DROP DATABASE IF EXISTS koshi_bench WITH (FORCE)\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='koshi_bench'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE koshi_bench OWNER koshi\""
fi
psql_admin "-c \"DROP DATABASE IF EXISTS koshi_bench_empty WITH (FORCE)\""
psql_admin "-c \"CREATE DATABASE koshi_bench_empty OWNER koshi\""
echo "PostgreSQL $pg_version/$pg_cluster on port $pg_port ($([ $started_pg -eq 1 ] && echo 'started by this script' || echo 'already running'))"
PG="Host=127.0.0.1;Port=$pg_port;Username=koshi;Password=koshi"
BENCH_PG="$PG;Database=koshi_bench"
EMPTY_PG="$PG;Database=koshi_bench_empty"

echo "== build (Release)"
dotnet build src/Koshi.Web/Koshi.Web.csproj -c Release -nologo -v q
dotnet build bench/Koshi.Bench.Web/Koshi.Bench.Web.csproj -c Release -nologo -v q
TOOL=(dotnet "$ROOT/bench/Koshi.Bench.Web/bin/Release/net10.0/Koshi.Bench.Web.dll")

echo "== startup"
echo "## Startup (process start to first 200 from /healthz)" >> "$OUT"
"${TOOL[@]}" startup --pg "$EMPTY_PG" --runs 1 --port "$PORT" --label "new database (first start: migrations + demo users)" --out "$OUT"
# The 100k database must exist before it is started on: a first start here also migrates it and seeds the demo users.
"${TOOL[@]}" startup --pg "$BENCH_PG" --runs 1 --port "$PORT" --label "bench database, before seeding (migrates on first use)" > /dev/null

echo "== seed $COUNT applications"
"${TOOL[@]}" seed --pg "$BENCH_PG" --count "$COUNT"
# Empty and full database in turn, so that both see the same load on a shared machine.
"${TOOL[@]}" startup --pg "$EMPTY_PG" --label "empty database (demo data only)" --pg2 "$BENCH_PG" --label2 "$COUNT applications" \
  --runs "$RUNS" --port "$PORT" --out "$OUT"

echo "== requests (one at a time, after warm-up)"
echo "## Requests ($COUNT applications, one request at a time after warm-up)" >> "$OUT"
echo "load average before the requests: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
"${TOOL[@]}" measure --pg "$BENCH_PG" --port "$PORT" --budget "$BUDGET" --out "$OUT"
echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
echo "figures: $OUT"
echo "log: $LOG   platform log: $DATA/web-platform.log"
