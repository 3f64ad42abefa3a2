#!/bin/bash
# Usage: bench/load/join-row.sh PLAYERS OUTDIR   (inside the bench namespace; see bench/load/join.sh)
# One join row against a fresh relay: like relay-row.sh, plus SERVER_ARGS (extra relay options, e.g.
# "--MediaRelay:MaxConcurrentHandshakes 8" for the old bound) and the machine's load average before and
# after the row in OUTDIR/uptime-PLAYERS.txt. SERVER_ENV: environment for the relay only (e.g.
# "DOTNET_GCgen0size=0x400000" to see how much of the RSS per player is GC allocation budget). EXTRA_ARGS go to classroom-load (e.g. "--receive-threads 0").
set -euo pipefail
PLAYERS=${1:?players}; OUT=${2:?outdir}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${PORT:-5080}; UDP=${UDP:-50000}; RELAY_ADDR=${RELAY_ADDR:-10.231.0.1}
DURATION=${DURATION:-15s}; RAMP=${RAMP:-10s}; BITRATE=${BITRATE:-1000k}; GOP=${GOP:-4s}
# NICE: scheduling priority of the relay and the tool (default 0). On the shared bench machine
# docs/bench-join.md also records rows at NICE=-10, so other users' builds do not decide the numbers.
NICE=${NICE:-0}
# RT=n: run the relay and the tool under SCHED_RR priority n (chrt -r), so a shared machine's other
# processes cannot take their CPU at all (the kernel still reserves 5 % for others). Default off.
RT=${RT:-}
PRIO=(nice -n "$NICE")
if [ -n "$RT" ]; then PRIO=(chrt -r "$RT"); fi
LOAD=$ROOT/tools/Classroom.LoadTool/bin/Release/net10.0/linux-x64/classroom-load.dll
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# shellcheck source=bench/load/server.sh
. "$ROOT/bench/load/server.sh"
start_server "$OUT/join-server-$PLAYERS.log" "${PRIO[@]}"
{ date -u +%FT%TZ; uptime; } > "$OUT/uptime-$PLAYERS.txt"
echo "join row: $PLAYERS players within $RAMP, lesson $LESSON, server pid $SPID, server args '${SERVER_ARGS:-}', tool args '${EXTRA_ARGS:-}', nice $NICE, rt '${RT}', server env '${SERVER_ENV:-}'" | tee "$OUT/join-$PLAYERS.txt"
# shellcheck disable=SC2086
"${PRIO[@]}" dotnet "$LOAD" relay --url "http://127.0.0.1:$PORT" --lesson "$LESSON" --data "$DATA" \
  --players "$PLAYERS" --duration "$DURATION" --ramp "$RAMP" --bitrate "$BITRATE" --gop "$GOP" \
  --server-pid "$SPID" --json "$OUT/join-$PLAYERS.json" ${EXTRA_ARGS:-} | tee -a "$OUT/join-$PLAYERS.txt"
{ date -u +%FT%TZ; uptime; } >> "$OUT/uptime-$PLAYERS.txt"
