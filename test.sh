#!/usr/bin/env bash
# Runs every test of the solution on this machine, installing and starting what the tests need:
# PostgreSQL (a real server for the integration tests) and Chromium (the browser tests).
set -euo pipefail
cd "$(dirname "$0")"

. scripts/postgres.sh

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# PostgreSQL: the first cluster, started if needed and stopped again only if we started it.
postgres_start
trap postgres_stop EXIT
postgres_database koshi_test
export KOSHI_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=koshi;Password=koshi;Database=koshi_test"
export KOSHI_CHROMIUM=/usr/bin/chromium

# Every project first, the benchmarks and tools included: `dotnet test` builds only the test projects and what they use,
# and the build is where the house style is checked.
dotnet build Koshi.slnx -v quiet -nologo

log=$(mktemp)
status=0
dotnet test Koshi.slnx "$@" 2>&1 | tee "$log" || status=$?
# One closing line for any reader: the totals over every test project.
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
# The failures again at the end, where a reader of a long log looks first: each failed test and its message,
# without stack frames.
if grep -qE '^\s*failed [A-Za-z_]' "$log"; then
  echo "test.sh: failed tests"
  grep -E -A 20 '^\s*failed [A-Za-z_]' "$log" | grep -vE '^\s+at |Stack Trace:|^\s*$' | head -n 150
fi
rm -f "$log"
# Here PostgreSQL and Chromium are provided, so a skipped test is a suite that did not run: that is a failure.
# (A plain `dotnet test` elsewhere still skips those suites when KOSHI_TEST_POSTGRES or KOSHI_CHROMIUM is unset.)
if [ "$skipped" != 0 ]; then
  echo "test.sh: ${skipped} test(s) skipped although every suite's requirements were provided; counted as failed"
  failed=$((failed + skipped))
  [ "$status" != 0 ] || status=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
