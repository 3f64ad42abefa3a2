#!/usr/bin/env bash
# BenchmarkDotNet run of the pairing solver (bench/Classroom.Benchmarks/Scheduler/PairingBenchmarks.cs).
#   bash bench/scheduler-bdn.sh            # both benchmarks, default and tight district
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dotnet run -c Release --project bench/Classroom.Benchmarks -- --filter '*PairingBenchmarks*' "$@"
