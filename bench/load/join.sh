#!/bin/bash
# Usage: sudo bench/load/join.sh [PLAYERS] [RAMP]      (default: 200 players within 10s)
# The join row: PLAYERS join our relay evenly within RAMP while the 1 Mbit/s studio streams with a
# 4 s GOP (paced, 2.5x); reports join-to-first-keyframe p50/p95, where the connect time went (signaling,
# ICE, DTLS), the keyframe requests that reached the studio, and the load average around the row.
# Same namespace set-up as bench/load/fanout.sh (NS=name to run beside another bench). SERVER_ARGS /
# EXTRA_ARGS: see bench/load/join-row.sh. Results: docs/bench-join.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NS=${NS:-clbench}; PLAYERS=${1:-200}; RAMP=${2:-10s}
OUT=${OUT:-$ROOT/bench/load/results/join-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
"$ROOT/bench/janus/netns.sh" up "$NS"
trap '"$ROOT/bench/janus/netns.sh" down "$NS"' EXIT
ip netns exec "$NS" env RAMP="$RAMP" DURATION="${DURATION:-15s}" GOP=4s "$ROOT/bench/load/join-row.sh" "$PLAYERS" "$OUT"
