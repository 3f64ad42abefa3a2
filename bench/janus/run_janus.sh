#!/bin/bash
# Usage: bench/janus/run_janus.sh <cfgdir-out> <ice interface>  -> runs janus in the foreground (the caller backgrounds it and keeps its PID)
# Our copy of /work/shared/recipes/janus: HTTP API on 127.0.0.1:18088, streaming mountpoint 1 (Opus 15002 pt 111, VP8 15004 pt 100),
# rtp_port_range widened to 20000-40000 for hundreds of players, log level 3.
set -u
HERE=$(cd "$(dirname "$0")" && pwd); OUT=$1; IF=$2
mkdir -p "$OUT"
for f in janus.jcfg janus.transport.http.jcfg janus.plugin.streaming.jcfg; do sed "s|@CFG@|$OUT|; s|@ICEIF@|$IF|" "$HERE/$f" > "$OUT/$f"; done
exec janus -F "$OUT" -C "$OUT/janus.jcfg" -o
