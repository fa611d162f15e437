#!/usr/bin/env bash
# Start-up of the command line: `koshi --help` run RUNS times (default 20) for each command line given, interleaved so
# that a loaded machine's noise falls alike on each; wall time and CPU time (user+sys) per run, load average quoted.
# Usage: bench/cli-help.sh ["EXE ARGS" ...]   (default: the Release build's `koshi --help` and `koshi help --help`,
#        which prints the same page through System.CommandLine's parser; build first: dotnet build src/Koshi.Cli -c Release)
set -euo pipefail
cd "$(dirname "$0")/.."
EXE=src/Koshi.Cli/bin/Release/net10.0/koshi
if [ $# -eq 0 ]; then set -- "$EXE --help" "$EXE help --help"; fi
python3 - "${RUNS:-20}" "$@" <<'PY'
import resource, subprocess, sys, time, statistics
runs, lines = int(sys.argv[1]), sys.argv[2:]
load = lambda: " ".join(open("/proc/loadavg").read().split()[:3])
def once(line):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.perf_counter()
    p = subprocess.run(line.split(), stdout=subprocess.DEVNULL)
    if p.returncode != 0: sys.exit(f"{line}: exit {p.returncode}")
    t = time.perf_counter() - t0; r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return t, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
for line in lines: once(line)   # the files in the cache
before = load(); res = {line: [] for line in lines}
for _ in range(runs):
    for line in lines: res[line].append(once(line))
print(f"{runs} runs each, interleaved; load average before {before}, after {load()}")
for line in lines:
    w = [x[0] for x in res[line]]; c = [x[1] for x in res[line]]
    print(f"  {line}: wall median {statistics.median(w):.3f} s (min {min(w):.3f}), CPU median {statistics.median(c):.3f} s (min {min(c):.3f})")
PY
