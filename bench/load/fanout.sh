#!/bin/bash
# Usage: sudo bench/load/fanout.sh [PLAYERS...]      (default: 100 250 500)
# Reproduces the fan-out rows of docs/bench-fanout.md: builds the server and the load tool (unless
# SKIP_BUILD=1), creates the bench namespace (bench/janus/netns.sh: veth 10.231.0.1 <-> 10.231.0.2,
# loopback), and inside it runs the sendto baseline, then for each player count a relay row and a
# Janus row, one after the other (same machine, same network set-up, same stream, same client).
# Results: bench/load/results/<UTC stamp>/ (JSON + text per row). The namespace is deleted at the end.
# Env: DURATION (30s) RAMP (10s) BITRATE (1000k) GOP (4s) SKIP_JANUS=1 SKIP_RELAY=1 NS (clbench).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NS=${NS:-clbench}
COUNTS=("$@"); [ ${#COUNTS[@]} -eq 0 ] && COUNTS=(100 250 500)
OUT=${OUT:-$ROOT/bench/load/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build "$ROOT/src/Server/Classroom.Server" -c Release -v q
  dotnet build "$ROOT/tools/Classroom.LoadTool" -c Release -v q
fi
LOAD=$ROOT/tools/Classroom.LoadTool/bin/Release/net10.0/linux-x64/classroom-load.dll
"$ROOT/bench/janus/netns.sh" up "$NS"
trap '"$ROOT/bench/janus/netns.sh" down "$NS"' EXIT
{ echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"; echo "started: $(date -u +%FT%TZ)"; } > "$OUT/machine.txt"
ip netns exec "$NS" dotnet "$LOAD" sendto-baseline --duration 5s --runs 3 --json "$OUT/sendto-baseline.json" | tee "$OUT/sendto-baseline.txt"
# The machine is shared: the load average around each row goes into loadavg.txt so noisy rows can be told apart.
for n in "${COUNTS[@]}"; do
  if [ "${SKIP_RELAY:-0}" != 1 ]; then
    echo "relay $n start $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/loadavg.txt"
    ip netns exec "$NS" "$ROOT/bench/load/relay-row.sh" "$n" "$OUT" || echo "relay row $n failed ($?)" | tee -a "$OUT/failures.txt"
    echo "relay $n end $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/loadavg.txt"
  fi
  if [ "${SKIP_JANUS:-0}" != 1 ]; then
    echo "janus $n start $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/loadavg.txt"
    ip netns exec "$NS" "$ROOT/bench/janus/janus-row.sh" "$n" "$OUT" || echo "janus row $n failed ($?)" | tee -a "$OUT/failures.txt"
    echo "janus $n end $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/loadavg.txt"
  fi
done
ip netns exec "$NS" dotnet "$LOAD" sendto-baseline --duration 5s --runs 3 --json "$OUT/sendto-baseline-end.json" | tee "$OUT/sendto-baseline-end.txt"
echo "finished: $(date -u +%FT%TZ)" >> "$OUT/machine.txt"
echo "results in $OUT"
