#!/bin/bash
# Usage: bench/recording/recorder-load.sh [N,N,…] [SECONDS]     (default: 1,2,4,8 and 60)
# The recorder capacity rows of docs/benchmarks.md "Recorder": for each N a fresh shipped server
# (all roles, recording on) records N simultaneous 720p H.264 lessons published through WHIP with the
# project's client, and prints per N the server's and its ffmpegs' CPU and RSS, each recording's live
# edge (late samples), media missing from the VODs, extra ffmpeg runs and end → VOD closed
# (tests/Server/Classroom.Server.Tests/Support/RecorderLoadProgram.cs). Runs in a loopback-only
# network namespace (unshare -n). Builds the test assembly and the web pages unless SKIP_BUILD=1.
# Env: SIZE (1280x720).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COUNTS=${1:-1,2,4,8}
SECONDS_PER_LESSON=${2:-60}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  bash "$ROOT/scripts/build-web.sh"
  dotnet build "$ROOT/tests/Server/Classroom.Server.Tests" -c Release -nologo -v quiet
fi
DLL=$ROOT/tests/Server/Classroom.Server.Tests/bin/Release/net10.0/linux-x64/Classroom.Server.Tests.dll
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r); $(date -u +%FT%TZ)"
unshare -n bash -c "ip link set lo up; dotnet '$DLL' --recorder-load '$COUNTS' --seconds '$SECONDS_PER_LESSON' --size '${SIZE:-1280x720}'"
