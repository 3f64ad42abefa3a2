#!/bin/bash
# Usage: bench/load/wall.sh [ROOMS]   (default 30)
# The teacher's wall (docs/benchmarks.md): a fresh server (bench/load/server.sh) on loopback, then
# classroom-load wall: phase 1 the 1 Mbit/s studio to ROOMS watching rooms, phase 2 the same plus
# every room publishing a 150 kbit/s camera that only the teacher receives (one WHEP session,
# ?producers=rooms). Prints the relay's CPU and egress per phase. Results: bench/load/results/<stamp>/.
# Env: PHASE_SECONDS (20) ROOM_BITRATE (150k) SKIP_BUILD=1 PORT (5090) UDP (50100).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROOMS=${1:-30}
PORT=${PORT:-5090}; UDP=${UDP:-50100}; RELAY_ADDR=${RELAY_ADDR:-127.0.0.1}
OUT=${OUT:-$ROOT/bench/load/results/$(date -u +%Y%m%dT%H%M%SZ)-wall}
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build "$ROOT/src/Server/Classroom.Server" -c Release -v q
  dotnet build "$ROOT/tools/Classroom.LoadTool" -c Release -v q
fi
LOAD=$ROOT/tools/Classroom.LoadTool/bin/Release/net10.0/linux-x64/classroom-load.dll
{ echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"; echo "started: $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$OUT/machine.txt"
# shellcheck source=bench/load/server.sh
. "$ROOT/bench/load/server.sh"
start_server "$OUT/wall-server.log"
dotnet "$LOAD" wall --url "http://127.0.0.1:$PORT" --lesson "$LESSON" --data "$DATA" --server-pid "$SPID" \
  --rooms "$ROOMS" --seconds "${PHASE_SECONDS:-20}" --room-bitrate "${ROOM_BITRATE:-150k}" | tee "$OUT/wall-$ROOMS.txt"
echo "finished: $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
