#!/bin/bash
# Usage: bench/janus/netns.sh up|down [NAME]
# One network namespace holding a veth pair with both ends inside (10.231.0.1/30 ↔ 10.231.0.2/30) and
# loopback up. Janus (libnice) ignores loopback when gathering candidates, so it needs the veth; our
# relay is bound to the same address so both servers run under the same network set-up.
set -euo pipefail
ACTION=${1:?up|down}; NS=${2:-clbench}
case "$ACTION" in
  up)
    ip netns add "$NS"
    ip -n "$NS" link add clb0 type veth peer name clb1
    ip -n "$NS" addr add 10.231.0.1/30 dev clb0
    ip -n "$NS" addr add 10.231.0.2/30 dev clb1
    ip -n "$NS" link set lo up
    ip -n "$NS" link set clb0 up
    ip -n "$NS" link set clb1 up
    ;;
  down)
    ip netns del "$NS" 2>/dev/null || true   # also removes the veth pair
    ;;
  *) echo "usage: $0 up|down [NAME]" >&2; exit 64 ;;
esac
