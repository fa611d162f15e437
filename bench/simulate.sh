#!/usr/bin/env bash
# Times the whole command `koshi simulate --reform` over 1,000,000 applicants, process start and reading included:
#   1. publishes the CLI (Release) to bench/.data/cli;
#   2. generates the seeded population once as Parquet and as JSON Lines (same people) in bench/.data;
#   3. makes a reform pack (a copy of policy/kz with the pass mark 50 points lower);
#   4. runs the command RUNS times per format under /usr/bin/time and prints wall time, CPU time, peak memory (max RSS)
#      and the load; KOSHI_TIMINGS=1 makes the command print each phase's wall and CPU time (start-up, packs, reading,
#      scoring, report), shown after each run.
# Usage: bench/simulate.sh        (RUNS=5, COUNT=1000000, FORMATS="parquet jsonl", SKIP_PUBLISH=1 to reuse bench/.data/cli)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="$ROOT/bench/.data"
COUNT=${COUNT:-1000000}
RUNS=${RUNS:-5}
FORMATS=${FORMATS:-"parquet jsonl"}
mkdir -p "$DATA"

echo "== machine"
echo "cores: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
free -h | sed -n '1,2p'
echo "dotnet $(dotnet --version)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

echo "== publish the CLI (Release)"
if [ -z "${SKIP_PUBLISH:-}" ] || [ ! -x "$DATA/cli/koshi" ]; then
  dotnet publish src/Koshi.Cli/Koshi.Cli.csproj -c Release -o "$DATA/cli" -nologo -v q
fi
KOSHI="$DATA/cli/koshi"

for format in $FORMATS; do
  file="$DATA/population-$COUNT.$format"
  if [ ! -f "$file" ]; then
    "$KOSHI" population generate --scheme permanent-residence --count "$COUNT" --seed 20260301 --out "$file" --pack policy/kz
  fi
  ls -l "$file"
done

REFORM="$DATA/reform-pass-mark"
rm -rf "$REFORM"
cp -r policy/kz "$REFORM"
# The reform: the pass mark 50 points lower (the value is read from the pack, not written here).
mark=$(grep -A3 '^      2026-02-13:' "$REFORM/parameters/residence.yaml" | grep -m1 'value:' | sed 's/.*value: //')
sed -i "0,/        value: $mark\$/s//        value: $((mark - 50))/" "$REFORM/parameters/residence.yaml"
echo "reform: residence.pass_mark $mark -> $((mark - 50))"

for format in $FORMATS; do
  file="$DATA/population-$COUNT.$format"
  echo "== koshi simulate --reform, $format, $RUNS runs"
  for run in $(seq 1 "$RUNS"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    KOSHI_TIMINGS=1 /usr/bin/time -f "%e %M %U %S" -o "$DATA/time.txt" "$KOSHI" simulate --scheme permanent-residence --population "$file" --reform "$REFORM" \
      --as-of 2026-03-01 --pack policy/kz --json --flips 20 > "$DATA/simulate-$format.json" 2> "$DATA/timings.txt"
    read -r wall rss user sys < "$DATA/time.txt"
    passed=$(grep -m2 '"passed"' "$DATA/simulate-$format.json" | tr -dc '0-9\n' | paste -sd/)
    echo "run $run: wall ${wall} s, CPU user ${user} s + system ${sys} s, max RSS $((rss / 1024)) MiB, load ${load}, passed baseline/reform ${passed}"
    sed 's/^/    /' "$DATA/timings.txt"
  done
done
