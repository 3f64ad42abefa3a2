# Sourced by the row scripts: waits (≤ 60 s) for the freshly started server at 127.0.0.1:$1 and
# prints this week's first paired lesson id, or nothing when the scheduler has no pairing.
current_lesson() {
  local port=$1 pairs
  for _ in $(seq 1 120); do
    if pairs=$(curl -sf "http://127.0.0.1:$port/api/alliances/1/pairings/current-week" 2>/dev/null); then
      printf '%s' "$pairs" | grep -o 'L[0-9]\+-[0-9]\{8\}' | head -1 || true
      return 0
    fi
    sleep 0.5
  done
}
