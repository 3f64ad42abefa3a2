using System.Diagnostics;
using System.Globalization;
using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Pairing.Synthetic;

namespace Classroom.Benchmarks.Scheduler;

/// <summary>
/// <c>scheduler-solve [--runs N] [--seed S] [--alliances A | --district N | --county N] [--cross own|listed|county]
/// [--week normal|holiday|makeup] [--shift MIN] [--time-limit SEC] [--weeks W] [--tight] [--change member|lead]</c>:
/// solves the synthetic district (or county) week, re-solves it unchanged with its own dated result
/// as Previous (nothing may move), then moves one member school's bell schedule (or, with
/// <c>--change lead</c>, the busiest lead lesson by a day) and re-solves with the first solution as
/// Previous; prints each run and the medians. "Others" are pairings not of the changed school/lesson.
/// With a cross-alliance policy it also solves the own-alliance-only problem once, for comparison.
/// </summary>
internal static class SchedulerSolveCommand
{
    public const string Verb = "scheduler-solve";

    public static int Run(string[] args)
    {
        var runs = SchedulerBenchProblem.Number(args, "--runs", 5);
        var shift = SchedulerBenchProblem.Number(args, "--shift", 15);
        var lead = args.Contains("lead");
        var bench = SchedulerBenchProblem.FromArgs(args);
        var problem = bench.Problem;
        Console.WriteLine(bench.Description);
        var solver = new CpSatPairingSolver();
        var rows = new List<Row>();
        var roomBound = 0;
        for (var run = 1; run <= runs; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var detailed = solver.SolveDetailed(problem);
            var first = detailed.Result;
            var solveTime = watch.Elapsed;
            var solveCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (run == 1)
            {
                Console.WriteLine("components: " + string.Join(", ", detailed.Components.GroupBy(c => c.Proof).OrderBy(g => g.Key).Select(g => Invariant($"{g.Key} {g.Count()} ({g.Sum(c => c.Component.Candidates.Length)} candidates)"))));
                Console.WriteLine("uncovered: " + string.Join(", ", first.Uncovered.GroupBy(u => u.Reason).OrderBy(g => g.Key).Select(g => Invariant($"{g.Key} {g.Sum(u => u.Missing)}"))));
                var lessonsOf = problem.Lessons.ToDictionary(l => l.LessonId, l => l.AllianceId);
                var demandsOf = problem.Demands.ToDictionary(d => d.DemandId, d => d.AllianceId);
                Console.WriteLine(Invariant($"cross-alliance pairings: {first.Pairings.Count(p => lessonsOf[p.LessonId] != demandsOf[p.DemandId])} of {first.Pairings.Count}"));
                roomBound = RoomExactBound.Compute(problem);
                Console.WriteLine(Invariant($"room-exact bound (bench, independent of the solver): {roomBound}; covered {first.Stats.Covered} = {Pct(first.Stats.Covered, roomBound)} of it"));
                if (bench.Cross != CrossAlliance.Own)
                {
                    // What the policy buys: the same problem with every room limited to its own alliance.
                    var ownProblem = CrossAlliancePolicy.Apply(problem, CrossAlliance.Own);
                    var own = solver.Solve(ownProblem).Stats;
                    var ownRoomBound = RoomExactBound.Compute(ownProblem);
                    Console.WriteLine(Invariant($"policy: own only covered {own.Covered} of bounds {own.UpperBound} (solver) / {ownRoomBound} (room-exact), {own.SolverStatus}; {bench.Cross} covered {first.Stats.Covered} of bounds {first.Stats.UpperBound} / {roomBound}, {first.Stats.SolverStatus}; demanded {first.Stats.Demanded}"));
                }
            }

            // Dated previous pairings, as the domain passes a range's own stored result.
            var previous = first.Pairings.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId, DateOnly.ParseExact(p.LessonId[^8..], "yyyyMMdd", CultureInfo.InvariantCulture))).Distinct().ToList();

            // Unchanged re-solve: nothing may move (调休 and holiday weeks included).
            watch.Restart();
            var same = solver.Solve(problem with { Previous = previous });
            var sameTime = watch.Elapsed;
            var identical = same.Pairings.SequenceEqual(first.Pairings);

            // Member change: the member school with the most pairings moves its bell schedule.
            // Lead change: the lead lesson with the most rooms moves one day later.
            var changed = lead
                ? first.Pairings.GroupBy(p => p.LeadLessonId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key
                : first.Pairings.GroupBy(p => p.SchoolId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            var changedProblem = lead
                ? DistrictGenerator.MoveLeadLesson(problem, changed, TimeSpan.FromDays(1), previous)
                : DistrictGenerator.ChangeSchoolTimetable(problem, changed, shift, previous);
            bool Affected(LessonPairing p) => lead ? p.LeadLessonId == changed : p.SchoolId == changed;
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            var second = solver.Solve(changedProblem);
            var resolveTime = watch.Elapsed;
            var resolveCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            var kept = second.Pairings.Select(p => (p.LessonId, p.ClassroomId)).ToHashSet();
            var others = first.Pairings.Where(p => !Affected(p)).Select(p => (p.LessonId, p.ClassroomId)).Distinct().ToList();
            var movedOthers = others.Count(p => !kept.Contains(p));
            var row = new Row(solveTime, solveCpu, first.Stats, resolveTime, resolveCpu, second.Stats, movedOthers, others.Count, sameTime, same.Stats.Moved, identical);
            rows.Add(row);
            Console.WriteLine(Invariant($"run {run}: solve {solveTime.TotalSeconds:0.000}s (cpu {solveCpu.TotalSeconds:0.000}s) covered {first.Stats.Covered}/{first.Stats.UpperBound} bound ({Pct(first.Stats.Covered, first.Stats.UpperBound)} of bound, demanded {first.Stats.Demanded}) status {first.Stats.SolverStatus}; ") +
                Invariant($"unchanged re-solve {sameTime.TotalSeconds:0.000}s moved {same.Stats.Moved} of {previous.Count}, {(identical ? "identical" : "DIFFERENT")}; ") +
                Invariant($"re-solve ({(lead ? $"lead lesson {changed} +1 day" : $"school {changed} +{shift} min")}) {resolveTime.TotalSeconds:0.000}s (cpu {resolveCpu.TotalSeconds:0.000}s) covered {second.Stats.Covered}/{second.Stats.UpperBound} status {second.Stats.SolverStatus}, moved {second.Stats.Moved} of {previous.Count} ({movedOthers} of {others.Count} others = {Pct(movedOthers, others.Count)})"));
        }

        Console.WriteLine(Invariant($"median of {runs}: solve {Median(rows, r => r.SolveTime.TotalSeconds):0.000}s (cpu {Median(rows, r => r.SolveCpu.TotalSeconds):0.000}s), coverage {Median(rows, r => r.First.Covered / (double)r.First.UpperBound) * 100:0.00}% of bound ({Median(rows, r => r.First.Covered / (double)Math.Max(1, roomBound)) * 100:0.00}% of room-exact), ") +
            Invariant($"unchanged re-solve {Median(rows, r => r.SameTime.TotalSeconds):0.000}s moved {rows.Max(r => r.SameMoved)} (max), {rows.Count(r => r.Identical)} of {runs} identical; ") +
            Invariant($"re-solve {Median(rows, r => r.ResolveTime.TotalSeconds):0.000}s (cpu {Median(rows, r => r.ResolveCpu.TotalSeconds):0.000}s), other pairings moved {Median(rows, r => r.Others == 0 ? 0 : r.MovedOthers / (double)r.Others) * 100:0.00}%"));
        return 0;
    }

    private static double Median(List<Row> rows, Func<Row, double> f)
    {
        var v = rows.Select(f).Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    private static string Pct(int a, int b) => b == 0 ? "n/a" : (a / (double)b).ToString("P2", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(TimeSpan SolveTime, TimeSpan SolveCpu, PairingStats First, TimeSpan ResolveTime, TimeSpan ResolveCpu, PairingStats Second, int MovedOthers, int Others, TimeSpan SameTime, int SameMoved, bool Identical);
}
