#!/usr/bin/env bash
# Startup of the built platform on SQLite: what a person waits for after `dotnet build -c Release`.
#   1. builds src/Koshi.Web in Release (unless NO_BUILD=1);
#   2. starts it once on a fresh SQLite file (migrations, roles, demo users and registers) and stops it;
#   3. starts it RUNS more times on that database (nothing pending) and times each start from process start
#      (`dotnet Koshi.Web.dll` from its output folder) to the first 200 of /healthz, polled every 10 ms.
# Usage: bench/startup.sh     (RUNS=5 PORT=5393; BIN=<folder> starts another build; the load average is printed before every start)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-5}
PORT=${PORT:-5393}
DATA="$ROOT/bench/.data/startup"
rm -rf "$DATA"; mkdir -p "$DATA"

echo "cores: $(nproc); dotnet $(dotnet --version); commit $(git rev-parse --short HEAD)$(git diff --quiet -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')"
if [ "${NO_BUILD:-0}" != "1" ]; then
  dotnet build src/Koshi.Web/Koshi.Web.csproj -c Release -nologo -v q
fi

python3 - "${BIN:-$ROOT/src/Koshi.Web/bin/Release/net10.0}" "$DATA" "$PORT" "$RUNS" <<'PY'
import os, subprocess, sys, time, urllib.request
folder, data, port, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
env = dict(os.environ,
    ASPNETCORE_ENVIRONMENT="Production", Urls=f"http://127.0.0.1:{port}",
    Koshi__Database__Provider="sqlite", Koshi__Database__ConnectionString=f"Data Source={data}/koshi.db",
    Koshi__Demo__Enabled="true", Koshi__StartupBanner="false", Koshi__SecureCookies="false",
    Koshi__Audit__CreateSigningKeyIfMissing="true", Koshi__Audit__SigningKeyFile=f"{data}/audit-signing-key.pem",
    Koshi__Audit__CheckpointFolder=f"{data}/checkpoints",
    Koshi__DataProtection__CreateCertificateIfMissing="true", Koshi__DataProtection__CertificateFile=f"{data}/key-ring.pfx")

def start(n):
    log = open(f"{data}/platform-{n}.log", "w")
    t0 = time.monotonic()
    p = subprocess.Popen(["dotnet", "Koshi.Web.dll"], cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    while True:
        if p.poll() is not None:
            sys.exit(f"the platform stopped; see {data}/platform-{n}.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    break
        except Exception:
            pass
        if time.monotonic() - t0 > 180:
            p.kill(); sys.exit("no 200 within 180 s")
        time.sleep(0.01)
    ms = (time.monotonic() - t0) * 1000
    p.terminate(); p.wait()
    return ms

load = lambda: open("/proc/loadavg").read().split()[:3]
print(f"first start (new database), load {' '.join(load())}: {start(0):.0f} ms")
times = []
for n in range(1, runs + 1):
    before = " ".join(load())
    ms = start(n)
    times.append(ms)
    print(f"start {n}, load {before}: {ms:.0f} ms")
s = sorted(times)
print(f"startup to first 200, {runs} starts: {', '.join(f'{t:.0f}' for t in times)} ms; range {s[0]:.0f}-{s[-1]:.0f}, median {s[len(s)//2]:.0f} ms")
PY
