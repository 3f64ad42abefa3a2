#!/usr/bin/env bash
# Sets up and starts the whole system with embedded defaults, the demo alliance and demo accounts
# (printed at start):
# every role in one process, SQLite under ./data, on http://127.0.0.1:5080.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/ensure-deps.sh
bash scripts/build-web.sh
dotnet build src/Server/Classroom.Server -c Release -nologo -v quiet
mkdir -p data
exec dotnet src/Server/Classroom.Server/bin/Release/net10.0/linux-x64/classroom.dll \
  --contentRoot "$root/src/Server/Classroom.Server" --data "$root/data" --seed-demo true "$@"
