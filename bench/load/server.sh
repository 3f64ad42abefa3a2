# Sourced by the row scripts (join-row.sh, relay-row.sh); they set ROOT, PORT, UDP, RELAY_ADDR.

# current_lesson PORT: waits (≤ 60 s) for the freshly started server at 127.0.0.1:PORT and prints
# this week's first paired lesson id, or nothing when the scheduler has no pairing.
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

# start_server LOG [WRAPPER...]: a fresh server (all roles, demo alliance seeded, its own
# appsettings.json as the systemd unit runs it: --contentRoot) in a temporary data folder, HTTP on
# 127.0.0.1:$PORT, its media socket on $RELAY_ADDR:$UDP (UDP only), started under WRAPPER (e.g.
# nice -n -10) with SERVER_ENV in its environment and SERVER_ARGS appended. The session caps and
# the per-address rate limit on session creation are lifted: the load tool's players all hold one
# token (one subject) from one address. Sets DATA, SPID and
# LESSON (this week's lesson, else LESSON_FALLBACK or today's id: the relay only checks that the
# token names the lesson), and an EXIT trap that stops the server by its PID and removes DATA.
start_server() {
  local log=$1; shift
  DATA=$(mktemp -d /tmp/clb-data.XXXXXX)
  # shellcheck disable=SC2086
  env ${SERVER_ENV:-} "$@" dotnet "$ROOT/src/Server/Classroom.Server/bin/Release/net10.0/linux-x64/classroom.dll" \
    --contentRoot "$ROOT/src/Server/Classroom.Server" --data "$DATA" --urls "http://127.0.0.1:$PORT" \
    --MediaRelay:BindAddress "$RELAY_ADDR" --MediaRelay:AnnouncedAddress "$RELAY_ADDR" \
    --MediaRelay:UdpPort "$UDP" --MediaRelay:TcpPort "$UDP" --MediaRelay:Transports udp \
    --MediaRelay:MaxSessionsPerSubject 100000 --MediaRelay:MaxSessionsPerAddress 100000 \
    --Classroom:RateLimits:media-create:PermitLimit 100000 \
    --Logging:LogLevel:Default Warning ${SERVER_ARGS:-} > "$log" 2>&1 &
  SPID=$!
  trap 'kill "$SPID" 2>/dev/null || true; wait "$SPID" 2>/dev/null || true; rm -rf "$DATA"' EXIT
  LESSON=$(current_lesson "$PORT")
  LESSON=${LESSON:-${LESSON_FALLBACK:-L1-$(date -u +%Y%m%d)}}
}
