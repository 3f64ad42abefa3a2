#!/usr/bin/env bash
# Installs the system parts Classroom uses (Debian packages) when they are missing.
# Safe to run repeatedly; needs root (or sudo) only when something is missing.
set -euo pipefail

need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v chromium >/dev/null || need+=(chromium)
command -v ip >/dev/null || need+=(iproute2)
command -v nft >/dev/null || need+=(nftables)
command -v unshare >/dev/null || need+=(util-linux)
# The store contract suites start a throwaway PostgreSQL server (tests/Shared/.../Stores/PostgresServer.cs).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
# The deployment test (tests/Server/.../Deployment/BehindNginxTests.cs) runs the real reverse proxy.
[[ -x /usr/sbin/nginx ]] || need+=(nginx)
# The page tests write screenshots of Chinese pages (docs/screenshots/); without a CJK font every Han character is a box.
compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK-*" >/dev/null || need+=(fonts-noto-cjk)
# English pages draw Latin text in a Latin font first (docs/pages.md "Fonts"); DejaVu is the one Debian has.
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || need+=(fonts-dejavu-core)
if [[ "${CLASSROOM_WITH_JANUS:-0}" == "1" ]]; then command -v janus >/dev/null || need+=(janus); fi

if ((${#need[@]})); then
  echo "ensure-deps: installing ${need[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
