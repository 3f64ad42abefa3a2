using BenchmarkDotNet.Attributes;
using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Pairing.Synthetic;

namespace Classroom.Benchmarks.Scheduler;

/// <summary>
/// The 300-school synthetic district (docs/bench-scheduler.md): one week's pairing from scratch,
/// and the re-solve after one member school moves its bell schedule by 15 minutes, with the first
/// solution as Previous. <see cref="Tight"/> uses thin links (10–30 Mbit/s), 10-room relays and
/// a few clashing lead lessons so those constraints bind.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class PairingBenchmarks
{
    private readonly CpSatPairingSolver _solver = new();
    private PairingProblem _week = null!;
    private PairingProblem _changed = null!;

    [Params(false, true)]
    public bool Tight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new DistrictOptions { Seed = 1 };
        if (Tight)
        {
            options = options with { MinLinkMbps = 10, MaxLinkMbps = 30, RelayCapacityPerLesson = 10, ClashProbability = 0.02, Settings = options.Settings with { RelayCapacityPerLesson = 10 } };
        }

        _week = DistrictGenerator.Generate(options);
        var first = _solver.Solve(_week);
        var school = first.Pairings.GroupBy(p => p.SchoolId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var previous = first.Pairings.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId)).Distinct().ToList();
        _changed = DistrictGenerator.ChangeSchoolTimetable(_week, school, 15, previous);
    }

    [Benchmark]
    public PairingResult SolveWeek() => _solver.Solve(_week);

    [Benchmark]
    public PairingResult ResolveAfterOneSchoolChanges() => _solver.Solve(_changed);
}
