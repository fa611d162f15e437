#!/usr/bin/env bash
# Runs every test of the solution on this machine, installing and starting what the tests need:
# PostgreSQL (a real server for the integration tests) and Chromium (the browser tests).
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# PostgreSQL: use the first cluster, creating one if the package made none; stop it again only if we started it.
read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters --no-header | head -n 1 || true)
if [ -z "${pg_version:-}" ]; then
  pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  as_root pg_createcluster "$pg_version" main >/dev/null
  read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters --no-header | head -n 1)
fi
started_pg=0
if [ "$pg_status" != "online" ]; then
  as_root pg_ctlcluster "$pg_version" "$pg_cluster" start
  started_pg=1
fi
cleanup() { if [ "$started_pg" -eq 1 ]; then as_root pg_ctlcluster "$pg_version" "$pg_cluster" stop || true; fi; }
trap cleanup EXIT

psql_admin() { as_root su postgres -c "psql -p $pg_port -v ON_ERROR_STOP=1 -qAt $*"; }
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='koshi'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE koshi LOGIN PASSWORD 'koshi' CREATEDB\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='koshi_test'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE koshi_test OWNER koshi\""
fi
export KOSHI_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=koshi;Password=koshi;Database=koshi_test"
export KOSHI_CHROMIUM=/usr/bin/chromium

log=$(mktemp)
status=0
dotnet test Koshi.slnx "$@" 2>&1 | tee "$log" || status=$?
# One closing line for any reader: the totals over every test project.
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
