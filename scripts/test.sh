#!/usr/bin/env bash
# Runs every test: installs what it needs, builds, then runs all test projects inside a
# loopback-only network namespace (nothing can leave the machine) and prints
# "N passed, N failed" from the TRX results.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
set -e
bash scripts/ensure-deps.sh
# dotnet-ef (.config/dotnet-tools.json) for scripts/add-migration.sh: the manifest must restore in CI too.
dotnet tool restore >/dev/null
bash scripts/build-web.sh
dotnet build Classroom.sln -c Release -nologo -v quiet
set +e

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
filter="${TEST_FILTER:-}"
projects=$(find tests -name '*.Tests.csproj' | sort)

run_tests() {
  local status=0
  for p in $projects; do
    name=$(basename "$p" .csproj)
    echo "== $name"
    args=(test "$p" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=2400000)
    [[ -n "$filter" ]] && args=(test "$p" -c Release --no-build --nologo --filter "$filter" --logger "trx;LogFileName=$name.trx" --results-directory "$results")
    dotnet "${args[@]}" || status=1
  done
  return $status
}

if [[ "${CLASSROOM_NO_NETNS:-0}" != "1" ]] && unshare -n true 2>/dev/null; then
  export -f run_tests
  export projects results filter
  unshare -n bash -c 'ip link set lo up && run_tests'
  status=$?
else
  run_tests
  status=$?
fi

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
PY
summary=$?
[[ $status -ne 0 || $summary -ne 0 ]] && exit 1
exit 0
