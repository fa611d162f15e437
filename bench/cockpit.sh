#!/usr/bin/env bash
# The ministry's cockpit on the demo data: the dashboard pages (/analytics, /analytics/residence, /labour/ministry) and the
# dashboard API one request at a time, and policy-lab runs of a 200,000-person generated population from the click (the
# POST that starts the run) to the result read back; wall time and the platform's own CPU time for each.
#   1. makes sure PostgreSQL runs (as test.sh does) and recreates the database koshi_bench_cockpit;
#   2. builds src/Koshi.Web and bench/Koshi.Bench.Web in Release;
#   3. starts the platform (its first start migrates and seeds the demo data) and measures.
# Usage: bench/cockpit.sh      (REQUESTS=100 per page, LAB_RUNS=5, LAB_COUNT=200000)
# Figures and the log go to bench/.data/cockpit-<time>.md and .log; bench/RESULTS-web.md is written from them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="$ROOT/bench/.data"
mkdir -p "$DATA"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$DATA/cockpit-$STAMP.md"
LOG="$DATA/cockpit-$STAMP.log"
exec > >(tee "$LOG") 2>&1

. scripts/postgres.sh
{
  echo "# Cockpit benchmark run $STAMP"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')"
  echo "- cores (nproc): $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} | tee -a "$OUT"

postgres_start
psql_admin "-c \"DROP DATABASE IF EXISTS koshi_bench_cockpit WITH (FORCE)\""
psql_admin "-c \"CREATE DATABASE koshi_bench_cockpit OWNER koshi\""
PG="Host=127.0.0.1;Port=$pg_port;Username=koshi;Password=koshi;Database=koshi_bench_cockpit"

dotnet build src/Koshi.Web/Koshi.Web.csproj -c Release -nologo -v q
dotnet build bench/Koshi.Bench.Web/Koshi.Bench.Web.csproj -c Release -nologo -v q
KOSHI_BENCH_START_SECONDS=${START_SECONDS:-900} dotnet "$ROOT/bench/Koshi.Bench.Web/bin/Release/net10.0/Koshi.Bench.Web.dll" cockpit --pg "$PG" --out "$OUT" \
  --requests "${REQUESTS:-100}" --lab-runs "${LAB_RUNS:-5}" --lab-count "${LAB_COUNT:-200000}" --port "${PORT:-5191}"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
