#!/usr/bin/env bash
# Issue throughput of the foreign-labour quota on PostgreSQL, end to end, against the built platform:
#   1. makes sure PostgreSQL runs and the role koshi/koshi exists (as test.sh does);
#   2. builds the platform and bench/Koshi.Bench.Labour in Release;
#   then RUNS times, each on a freshly created database koshi_labour_bench:
#   3. starts the platform (migrations and demo users; no demo register) on its own port;
#   4. prepares PERMITS paid permits of the demo employer in KZ-71 x cat4 and sets that allocation to exactly SEATS seats;
#   5. signs in as the region's officer and issues every permit from CLIENTS concurrent clients, timing each reply;
#   6. checks in the database that exactly SEATS permits are issued and Used == Seats == SEATS, and verifies the audit chain.
# Usage: bench/labour.sh          (RUNS=3 PERMITS=20000 SEATS=10000 CLIENTS=64 PORT=5391; READ_FIRST=1 also times GETs of the permits)
#        INSTANCES=2 bench/labour.sh  two platform processes on the same database (ports PORT and PORT+1), clients split
#                                     across them, the token taken from the first used on both
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-3}
PERMITS=${PERMITS:-20000}
SEATS=${SEATS:-10000}
CLIENTS=${CLIENTS:-64}
PORT=${PORT:-5391}
INSTANCES=${INSTANCES:-1}
DATABASE=${DATABASE:-koshi_labour_bench}
DATA=${DATA:-"$ROOT/bench/.data/labour"}
mkdir -p "$DATA"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOG="$DATA/run-$STAMP.log"
exec > >(tee "$LOG") 2>&1

. scripts/postgres.sh

echo "== machine"
echo "cores: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
free -h | sed -n '1,2p'
echo "dotnet $(dotnet --version)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
echo "runtime settings: $(env | grep -E "^DOTNET_" | tr "\n" " ")"
echo "platform folder: ${PLATFORM_DIR:-src/Koshi.Web/bin/Release/net10.0}"
echo "runs=$RUNS permits=$PERMITS seats=$SEATS clients=$CLIENTS instances=$INSTANCES platform connection extra='${PLATFORM_CONNECTION_EXTRA:-}'"

echo "== PostgreSQL"
postgres_start
psql_koshi() { psql -h 127.0.0.1 -p "$pg_port" -U koshi -d "$1" -v ON_ERROR_STOP=1 -qAt -c "$2"; }
echo "PostgreSQL $pg_version on port $pg_port; $(psql_koshi postgres "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','wal_sync_method','max_connections','shared_buffers')")"
CONNECTION="Host=127.0.0.1;Port=$pg_port;Username=koshi;Password=koshi;Database=$DATABASE"
# Extra Npgsql (client-side) keywords for the platform only, to try e.g. ";Max Auto Prepare=32" (statement preparation).
PLATFORM_CONNECTION_EXTRA=${PLATFORM_CONNECTION_EXTRA:-}

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "== build (Release)"
  dotnet build src/Koshi.Web/Koshi.Web.csproj -c Release -nologo -v q
  dotnet build bench/Koshi.Bench.Labour/Koshi.Bench.Labour.csproj -c Release -nologo -v q
fi
BENCH=(dotnet "$ROOT/bench/Koshi.Bench.Labour/bin/Release/net10.0/Koshi.Bench.Labour.dll")
URL="http://127.0.0.1:$PORT"
URLS=$(for n in $(seq 0 $((INSTANCES - 1))); do printf '%shttp://127.0.0.1:%s' "$([ "$n" -gt 0 ] && echo ,)" $((PORT + n)); done)

# CPU time (user + system, in clock ticks) of a process, and of all PostgreSQL backends serving the benchmark's database.
TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
pg_backend_ticks() {
  local total=0 pid
  for pid in $(pgrep -f "postgres: .*$DATABASE" || true); do total=$(( total + $(cpu_ticks "$pid" 2>/dev/null || echo 0) )); done
  echo "$total"
}

platforms=()
stop_platform() { local p; for p in "${platforms[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; platforms=(); }
trap stop_platform EXIT
platforms_ticks() { local total=0 p; for p in "${platforms[@]}"; do total=$(( total + $(cpu_ticks "$p") )); done; echo "$total"; }

for run in $(seq 1 "$RUNS"); do
  echo "== run $run of $RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # As the superuser: an autovacuum worker left on the previous run's database must be ended too.
  psql_admin "-c \"DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)\""
  psql_admin "-c \"CREATE DATABASE $DATABASE OWNER koshi\""

  # Started from its output folder, as deployed, so its appsettings.json (log levels) applies. The first instance
  # migrates and seeds; the next ones start after it is up, on the same database, signing key and checkpoint folder.
  # Each run has its own checkpoint folder: checkpoints of an earlier run's database would (rightly) fail verification.
  AUDIT="$DATA/audit-$STAMP-$run"
  for n in $(seq 0 $((INSTANCES - 1))); do
    (cd "${PLATFORM_DIR:-src/Koshi.Web/bin/Release/net10.0}" && exec env Koshi__Database__Provider=postgres Koshi__Database__ConnectionString="$CONNECTION$PLATFORM_CONNECTION_EXTRA" \
      Koshi__Demo__Enabled=true Koshi__SecureCookies=false Koshi__RateLimit__SignInPerMinute=1000000 Koshi__Demo__LabourRegister=false Koshi__Demo__ResettlementRegister=false Koshi__StartupBanner=false Koshi__Audit__CreateSigningKeyIfMissing=true Koshi__Audit__SigningKeyFile="$AUDIT/signing-key.pem" Koshi__Audit__CheckpointFolder="$AUDIT/checkpoints" Koshi__DataProtection__CreateCertificateIfMissing=true Koshi__DataProtection__CertificateFile="$AUDIT/key-ring.pfx" \
      ASPNETCORE_ENVIRONMENT=Production Urls="http://127.0.0.1:$((PORT + n))" \
      dotnet Koshi.Web.dll) > "$DATA/platform-$STAMP-$run-$n.log" 2>&1 &
    platforms+=($!)
    for _ in $(seq 1 600); do
      if curl -fsS "http://127.0.0.1:$((PORT + n))/healthz" >/dev/null 2>&1; then break; fi
      if ! kill -0 "${platforms[$n]}" 2>/dev/null; then echo "the platform stopped; see $DATA/platform-$STAMP-$run-$n.log"; exit 1; fi
      sleep 1
    done
  done
  curl -fsS "$URL/healthz"; echo

  "${BENCH[@]}" prepare --db "$CONNECTION" --permits "$PERMITS" --seats "$SEATS" --ids "$DATA/ids.txt"
  if [ "${READ_FIRST:-0}" = "1" ]; then
    echo "-- reading every permit first, for comparison (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    platform_cpu_before=$(platforms_ticks); pg_cpu_before=$(pg_backend_ticks)
    "${BENCH[@]}" issue --action read --url "$URLS" --ids "$DATA/ids.txt" --clients "$CLIENTS" --out "$DATA/read-$STAMP-$run.json" | grep -E '"requestsPerSecondAll"|"other"'
    echo "cpu during the read phase: platform $(( ($(platforms_ticks) - platform_cpu_before) * 1000000 / TICKS / PERMITS )) us, PostgreSQL $(( ($(pg_backend_ticks) - pg_cpu_before) * 1000000 / TICKS / PERMITS )) us per request"
  fi
  echo "-- issuing (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  platform_cpu_before=$(platforms_ticks)
  pg_cpu_before=$(pg_backend_ticks)
  "${BENCH[@]}" issue --url "$URLS" --ids "$DATA/ids.txt" --clients "$CLIENTS" --out "$DATA/issue-$STAMP-$run.json"
  platform_cpu=$(( $(platforms_ticks) - platform_cpu_before ))
  pg_cpu=$(( $(pg_backend_ticks) - pg_cpu_before ))
  echo "cpu during the issue phase: platform $((platform_cpu * 1000 / TICKS)) ms, PostgreSQL backends of $DATABASE $((pg_cpu * 1000 / TICKS)) ms" \
    "= $(( platform_cpu * 1000000 / TICKS / PERMITS )) / $(( pg_cpu * 1000000 / TICKS / PERMITS )) us per request; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "-- checking (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "${BENCH[@]}" check --db "$CONNECTION" --url "$URL" --seats "$SEATS" --out "$DATA/check-$STAMP-$run.json"
  stop_platform
done

echo "== summary"
for run in $(seq 1 "$RUNS"); do
  python3 - "$DATA/issue-$STAMP-$run.json" "$DATA/check-$STAMP-$run.json" "$run" <<'PY'
import json, sys
i = json.load(open(sys.argv[1])); c = json.load(open(sys.argv[2]))
print(f"run {sys.argv[3]} ({i['instances']} instance(s), issued per instance {i['issuedPerInstance']}): {i['issuedPerSecondWholeRun']}/s whole run, {i['issuedPerSecondMiddle80']}/s middle 80 %, "
      f"200={i['issued']} 409 quota-exhausted={i['quotaExhausted']} other={sum(i['other'].values())}, p50/p99 {i['issueLatencyMs']['p50']}/{i['issueLatencyMs']['p99']} ms; "
      f"issued in db={c['issued']} used={c['allocationUsed']} seats={c['allocationSeats']} over={c['overQuota']} chain valid={c['auditChainValid']} ({c['auditEntriesChecked']} entries)")
PY
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "log: $LOG"
