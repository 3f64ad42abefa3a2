#!/bin/bash
# Usage: bench/load/relay-row.sh PLAYERS OUTDIR   (run inside the bench namespace; see bench/fanout.sh)
# One fan-out row against our relay: a fresh server (all roles, demo alliance seeded, its own
# appsettings.json as the systemd unit runs it: --contentRoot) on 127.0.0.1:$PORT
# with its media socket on $RELAY_ADDR, a lesson id from the scheduler, tokens minted from the server's
# data folder, then classroom-load relay (1 synthetic 1 Mbit/s studio + PLAYERS) sampling the server's
# CPU and RSS. The server is stopped by its PID and its data folder removed.
# SERVER_ENV: environment for the relay only (e.g. "DOTNET_gcServer=0" to compare GC flavours).
# TOOL_NICE (default 0): niceness of the load tool only. At 10 the relay's threads preempt the
# emulated players at once, as if the players were on their own machines; the socket-arrival
# delay then shows the relay, the read delay the tool (docs/bench-fanout.md).
set -euo pipefail
PLAYERS=${1:?players}; OUT=${2:?outdir}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${PORT:-5080}; UDP=${UDP:-50000}; RELAY_ADDR=${RELAY_ADDR:-10.231.0.1}
DURATION=${DURATION:-30s}; RAMP=${RAMP:-10s}; BITRATE=${BITRATE:-1000k}; GOP=${GOP:-4s}
LOAD=$ROOT/tools/Classroom.LoadTool/bin/Release/net10.0/linux-x64/classroom-load.dll
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# shellcheck source=bench/load/server.sh
. "$ROOT/bench/load/server.sh"
start_server "$OUT/relay-server-$PLAYERS.log"
echo "relay row: $PLAYERS players, lesson $LESSON, server pid $SPID"
nice -n "${TOOL_NICE:-0}" dotnet "$LOAD" relay --url "http://127.0.0.1:$PORT" --lesson "$LESSON" --data "$DATA" \
  --players "$PLAYERS" --duration "$DURATION" --ramp "$RAMP" --bitrate "$BITRATE" --gop "$GOP" \
  --server-pid "$SPID" --json "$OUT/relay-$PLAYERS.json" ${EXTRA_ARGS:-} | tee "$OUT/relay-$PLAYERS.txt"
