#!/usr/bin/env bash
# Solve the synthetic 300-school district week, change one school's timetable, re-solve with the
# first solution as Previous; prints each run and the medians (docs/bench-scheduler.md).
#   bash bench/scheduler-solve.sh [--runs 5] [--seed 1] [--alliances 30 | --district 300 | --county 100] [--cross own|listed|county]
#     [--week normal|holiday|makeup] [--shift 15] [--time-limit 10] [--tight] [--change member|lead]
# Uses the bench project's `scheduler-solve` verb; if that project does not build at the moment
# (another component mid-change), compiles the same command with only the pairing sources.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# SCHEDULER_BENCH_SCRATCH=1 skips the bench project and uses the scratch build directly.
if [[ "${SCHEDULER_BENCH_SCRATCH:-0}" != "1" ]] && dotnet build -c Release -nologo -v q "$repo/bench/Classroom.Benchmarks" >"$log" 2>&1; then
  exec dotnet "$repo/bench/Classroom.Benchmarks/bin/Release/net10.0/linux-x64/Classroom.Benchmarks.dll" scheduler-solve "$@"
fi

echo "bench project does not build right now; using a scratch build of the pairing sources" >&2
scratch="$(mktemp -d)"
ortools="$(grep -oP 'Include="Google.OrTools" Version="\K[^"]+' "$repo/Directory.Packages.props")"
cat >"$scratch/SchedulerSolve.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
    <SelfContained>false</SelfContained>
    <AssemblyName>Classroom.Benchmarks</AssemblyName>
    <NoWarn>\$(NoWarn);NU1603;NU1510</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$repo/src/Scheduler/Classroom.Scheduler/Pairing/**/*.cs" />
    <Compile Include="$repo/bench/Classroom.Benchmarks/Scheduler/SchedulerSolveCommand.cs" />
    <Compile Include="$repo/bench/Classroom.Benchmarks/Scheduler/SchedulerBenchProblem.cs" />
    <PackageReference Include="Google.OrTools" Version="$ortools" />
  </ItemGroup>
</Project>
XML
echo 'return Classroom.Benchmarks.Scheduler.SchedulerSolveCommand.Run(args);' >"$scratch/Main.cs"
dotnet build -c Release -nologo -v q "$scratch" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
dotnet "$scratch/bin/Release/net10.0/linux-x64/Classroom.Benchmarks.dll" "$@"
rm -rf "$scratch"
