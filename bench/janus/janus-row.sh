#!/bin/bash
# Usage: bench/janus/janus-row.sh PLAYERS OUTDIR   (run inside the bench namespace; see bench/fanout.sh)
# One fan-out row against Janus 1.1 (apt): janus with our configs (bench/janus/*.jcfg, ICE on the veth
# clb0), the same synthetic 1 Mbit/s studio sent by classroom-load as plain RTP into mountpoint 1
# (Opus 127.0.0.1:15002 pt 111, VP8 127.0.0.1:15004 pt 100), PLAYERS streaming-plugin subscribers
# through the HTTP API, Janus's CPU and RSS sampled. Janus is stopped by its PID.
# FEED=ffmpeg feeds the mountpoint with the recipe's ffmpeg commands instead (GOP 120 frames = 4 s).
set -euo pipefail
PLAYERS=${1:?players}; OUT=${2:?outdir}
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../.." && pwd)
DURATION=${DURATION:-30s}; RAMP=${RAMP:-10s}; BITRATE=${BITRATE:-1000k}; GOP=${GOP:-4s}; ICE_IF=${ICE_IF:-clb0}
LOAD=$ROOT/tools/Classroom.LoadTool/bin/Release/net10.0/linux-x64/classroom-load.dll
CFG=$(mktemp -d /tmp/clb-janus-cfg.XXXXXX)
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
command -v janus >/dev/null || { echo "janus missing: apt-get install -y janus" >&2; exit 69; }
"$HERE/run_janus.sh" "$CFG" "$ICE_IF" > "$OUT/janus-server-$PLAYERS.log" 2>&1 &
JPID=$!
cleanup() { kill "$JPID" 2>/dev/null || true; wait "$JPID" 2>/dev/null || true; rm -rf "$CFG"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -sf -X POST -d '{"janus":"ping","transaction":"p"}' http://127.0.0.1:18088/janus >/dev/null 2>&1 && break
  sleep 0.5
done
echo "janus row: $PLAYERS players, janus pid $JPID, feed ${FEED:-tool}"
FEED_ARGS=(--feed-audio 127.0.0.1:15002 --feed-video 127.0.0.1:15004 --feed-video-pt 100)
if [ "${FEED:-tool}" = ffmpeg ]; then
  # The recipe's feed: real libvpx VP8 + libopus from ffmpeg (no send stamps: forwarding delay n/a).
  FEED_ARGS=()
  T=$(( ${DURATION%s} + ${RAMP%s} + 10 ))
  ffmpeg -nostdin -loglevel error -re -f lavfi -i testsrc2=size=640x360:rate=30 -t "$T" -c:v libvpx -deadline realtime -b:v 950k -g 120 \
    -payload_type 100 -f rtp 'rtp://127.0.0.1:15004?pkt_size=1200' 2> "$OUT/ffmpeg-video-$PLAYERS.log" &
  FV=$!
  ffmpeg -nostdin -loglevel error -re -f lavfi -i sine=frequency=440 -t "$T" -c:a libopus -b:a 48k -payload_type 111 -f rtp 'rtp://127.0.0.1:15002' 2> "$OUT/ffmpeg-audio-$PLAYERS.log" &
  FA=$!
  trap 'kill "$FV" "$FA" 2>/dev/null || true; cleanup' EXIT
fi
dotnet "$LOAD" janus --janus-url http://127.0.0.1:18088/janus --mountpoint 1 \
  "${FEED_ARGS[@]}" \
  --players "$PLAYERS" --duration "$DURATION" --ramp "$RAMP" --bitrate "$BITRATE" --gop "$GOP" \
  --server-pid "$JPID" --json "$OUT/janus-$PLAYERS.json" ${EXTRA_ARGS:-} | tee "$OUT/janus-$PLAYERS.txt"
