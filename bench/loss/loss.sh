#!/bin/bash
# Usage: bench/loss/loss.sh [RUNS]        (as root; default 1 run)
# Scenario (L) of issue 4 (docs/bench-loss.md): a Chromium studio publishes VP8 720p to the relay
# over a clean leg; a Chromium player in its own network namespace plays through 5 % random loss
# each way (nftables on the veth) and 150 ms round trip (75 ms each way in the test harness's
# userspace impairment relay). Runs ImpairedPlayerTests inside `unshare -n` (nothing leaves the
# machine; the test creates and deletes its namespace, veth and nft tables) and prints the
# numbers: residual loss after recovery, freezes, longest gaps, NACKs, nft drops, RTT. The case run
# is what web/src/pages/player.ts does (RTCRtpReceiver.jitterBufferTarget = 400 ms); the test is an
# ordinary CI test, this script repeats it and keeps the output.
# Results: bench/loss/results/<UTC stamp>/run-N.txt plus machine.txt.
# Env: SKIP_BUILD=1 (reuse the last Release build), CLASSROOM_LOSS_SECONDS (steady window, default 25).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-1}
OUT=${OUT:-$ROOT/bench/loss/results/$(date -u +%Y%m%dT%H%M%SZ)}
PROJECT=tests/MediaRelay/Classroom.MediaRelay.Tests
cd "$ROOT"
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces, nftables)"; exit 2; }
[ -x /usr/bin/chromium ] || { echo "needs /usr/bin/chromium (apt-get install chromium)"; exit 2; }
[ "${SKIP_BUILD:-0}" = 1 ] || dotnet build "$PROJECT" -c Release -nologo -v quiet
mkdir -p "$OUT"
{ echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r), chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')";
  echo "commit: $(git rev-parse --short HEAD)"; echo "started: $(date -u +%FT%TZ)"; } > "$OUT/machine.txt"
status=0
for i in $(seq 1 "$RUNS"); do
  echo "== run $i/$RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$OUT/machine.txt"
  set +e
  unshare -n bash -c "ip link set lo up && dotnet test $PROJECT -c Release --no-build --nologo \
    --filter FullyQualifiedName~ImpairedPlayerTests --logger 'console;verbosity=detailed'" > "$OUT/run-$i.log" 2>&1
  rc=$?
  set -e
  grep -E '^\s*loss: ' "$OUT/run-$i.log" | sed 's/^\s*//' | awk '!seen[$0]++' > "$OUT/run-$i.txt" || true
  grep -E '^\s*(Passed|Failed) Classroom|^\s*Error Message' -A1 "$OUT/run-$i.log" | grep -vE 'Stack Trace|Standard Output|^--|^\s*loss: |Error Message' \
    | sed 's/^\s*//' | awk '!seen[$0]++' >> "$OUT/run-$i.txt" || true
  cat "$OUT/run-$i.txt"
  [ $rc = 0 ] || status=1
done
echo "finished: $(date -u +%FT%TZ)" >> "$OUT/machine.txt"
echo "results in $OUT"
exit $status
