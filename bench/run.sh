#!/usr/bin/env bash
# Runs every benchmark of bench/ end to end and prints the figures:
#   1. builds bench/Koshi.Bench (Release) and generates the seeded 1,000,000-applicant population in bench/.data if missing;
#   2. checks that Koshi, the hand-written C# and Microsoft RulesEngine give the same points, and exports expected points;
#   3. runs the BenchmarkDotNet scoring benchmarks (one thread);
#   4. installs the Node peers if missing and runs GoRules ZEN and json-rules-engine (one Node thread);
#   5. times simulate with a reform over the whole population (every core) and the split of Koshi's one-thread time.
# Usage: bench/run.sh            (PEER_COUNT=20000 applicants for the Node peers, SIM_RUNS=5 simulate runs)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="$ROOT/bench/.data"
mkdir -p "$DATA"
LOG="$DATA/run-$(date -u +%Y%m%dT%H%M%SZ).log"
exec > >(tee "$LOG") 2>&1

echo "== machine"
echo "cores: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
free -h | sed -n '1,2p'
echo "dotnet $(dotnet --version); node $(node --version)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

echo "== build"
dotnet build bench/Koshi.Bench/Koshi.Bench.csproj -c Release -nologo -v q
BENCH=(dotnet "$ROOT/bench/Koshi.Bench/bin/Release/net10.0/Koshi.Bench.dll")

echo "== prepare: population and equality of outputs"
"${BENCH[@]}" prepare

echo "== .NET scoring benchmarks (BenchmarkDotNet, one thread)"
"${BENCH[@]}" bench

echo "== Node peers (one thread)"
if [ ! -d bench/peers/node_modules/@gorules/zen-engine ] || [ ! -d bench/peers/node_modules/json-rules-engine ]; then
  (cd bench/peers && npm ci --no-audit --no-fund)
fi
(cd bench/peers && node bench.js --count "${PEER_COUNT:-20000}")

echo "== simulate with a reform (every core)"
"${BENCH[@]}" simulate "${SIM_RUNS:-5}"

echo "== Koshi against the hand-written C# in turn (thread CPU), spread lodgement dates, two laws"
"${BENCH[@]}" split

echo "== ratios (per applicant)"
node -e '
const fs = require("fs");
const dn = JSON.parse(fs.readFileSync(process.argv[1] + "/dotnet-ns-per-applicant.json", "utf8"));
const nd = JSON.parse(fs.readFileSync(process.argv[1] + "/node-ns-per-applicant.json", "utf8"));
const line = (what, r, target, atLeast) => console.log(`${what}: ${r.toFixed(2)}x (target ${atLeast ? ">=" : "<="} ${target}x) ${(atLeast ? r >= target : r <= target) ? "MET" : "NOT MET"}`);
for (const [name, key] of [["GoRules ZEN", "zen"], ["json-rules-engine", "jre"]]) {
  if (nd[key] === undefined) continue;
  line(`${name} (${nd.count} applicants) / Koshi (20,000)`, nd[key] / dn.Koshi20k, 10, true);
  line(`${name} (${nd.count} applicants) / Koshi (1,000,000)`, nd[key] / dn.Koshi1M, 10, true);
}
line("RulesEngine (20,000) / Koshi (20,000)", dn.RulesEngine20k / dn.Koshi20k, 30, true);
line("RulesEngine (20,000) / Koshi (1,000,000)", dn.RulesEngine20k / dn.Koshi1M, 30, true);
line("Koshi / hand-written C# (1,000,000)", dn.Koshi1M / dn.HandWritten1M, 1.5, false);
line("Koshi / hand-written C# (20,000)", dn.Koshi20k / dn.HandWritten20k, 1.5, false);
' "$DATA"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "log: $LOG"
