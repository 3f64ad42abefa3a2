using System.Diagnostics;
using System.Globalization;
using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Pairing.Synthetic;

namespace Classroom.Benchmarks.Scheduler;

/// <summary>
/// <c>scheduler-solve [--runs N] [--seed S] [--alliances A] [--shift MIN] [--time-limit SEC] [--weeks W] [--tight] [--change member|lead]</c>:
/// solves the synthetic district week, then moves one member school's bell schedule (or, with
/// <c>--change lead</c>, the busiest lead lesson by a day) and re-solves with the first solution as
/// Previous; prints each run and the medians. "Others" are pairings not of the changed school/lesson.
/// </summary>
internal static class SchedulerSolveCommand
{
    public const string Verb = "scheduler-solve";

    public static int Run(string[] args)
    {
        var runs = Option(args, "--runs", 5);
        var seed = Option(args, "--seed", 1);
        var shift = Option(args, "--shift", 15);
        var lead = args.Contains("lead");
        var options = new DistrictOptions { Seed = seed, Alliances = Option(args, "--alliances", 30) };
        if (args.Contains("--tight"))
        {
            // Constraints that bind: thin links, small relays, a few clashing lead lessons.
            options = options with { MinLinkMbps = 10, MaxLinkMbps = 30, RelayCapacityPerLesson = 10, ClashProbability = 0.02, Settings = options.Settings with { RelayCapacityPerLesson = 10 } };
        }

        options = options with { Settings = options.Settings with { TimeLimit = TimeSpan.FromSeconds(Option(args, "--time-limit", 10)) } };
        var problem = DistrictGenerator.RepeatWeeks(DistrictGenerator.Generate(options), Option(args, "--weeks", 1));
        var schools = problem.Demands.Select(d => d.SchoolId).Distinct().Count() + options.Alliances;
        Console.WriteLine(Invariant($"district: {schools} schools, {problem.Demands.Select(d => d.ClassroomId).Distinct().Count()} member rooms, {problem.Lessons.Count} lesson occurrences, {problem.Demands.Count} demands ({problem.Demands.Sum(d => d.Count)} lessons wanted), workers {options.Settings.Workers}, limit {options.Settings.TimeLimit.TotalSeconds}s"));
        var solver = new CpSatPairingSolver();
        var rows = new List<Row>();
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
            }

            // Member change: the member school with the most pairings moves its bell schedule.
            // Lead change: the lead lesson with the most rooms moves one day later.
            var previous = first.Pairings.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId)).Distinct().ToList();
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

            var kept = second.Pairings.Select(p => (p.LeadLessonId, p.ClassroomId)).ToHashSet();
            var others = first.Pairings.Where(p => !Affected(p)).Select(p => (p.LeadLessonId, p.ClassroomId)).Distinct().ToList();
            var movedOthers = others.Count(p => !kept.Contains(p));
            var row = new Row(solveTime, solveCpu, first.Stats, resolveTime, resolveCpu, second.Stats, movedOthers, others.Count);
            rows.Add(row);
            Console.WriteLine(Invariant($"run {run}: solve {solveTime.TotalSeconds:0.000}s (cpu {solveCpu.TotalSeconds:0.000}s) covered {first.Stats.Covered}/{first.Stats.UpperBound} bound ({Pct(first.Stats.Covered, first.Stats.UpperBound)} of bound, demanded {first.Stats.Demanded}) status {first.Stats.SolverStatus}; ") +
                Invariant($"re-solve ({(lead ? $"lead lesson {changed} +1 day" : $"school {changed} +{shift} min")}) {resolveTime.TotalSeconds:0.000}s (cpu {resolveCpu.TotalSeconds:0.000}s) covered {second.Stats.Covered}/{second.Stats.UpperBound} status {second.Stats.SolverStatus}, moved {second.Stats.Moved} of {previous.Count} ({movedOthers} of {others.Count} others = {Pct(movedOthers, others.Count)})"));
        }

        Console.WriteLine(Invariant($"median of {runs}: solve {Median(rows, r => r.SolveTime.TotalSeconds):0.000}s (cpu {Median(rows, r => r.SolveCpu.TotalSeconds):0.000}s), coverage {Median(rows, r => r.First.Covered / (double)r.First.UpperBound) * 100:0.00}% of bound, ") +
            Invariant($"re-solve {Median(rows, r => r.ResolveTime.TotalSeconds):0.000}s (cpu {Median(rows, r => r.ResolveCpu.TotalSeconds):0.000}s), other pairings moved {Median(rows, r => r.Others == 0 ? 0 : r.MovedOthers / (double)r.Others) * 100:0.00}%"));
        return 0;
    }

    private static double Median(List<Row> rows, Func<Row, double> f)
    {
        var v = rows.Select(f).Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    private static string Pct(int a, int b) => b == 0 ? "n/a" : (a / (double)b).ToString("P2", CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(TimeSpan SolveTime, TimeSpan SolveCpu, PairingStats First, TimeSpan ResolveTime, TimeSpan ResolveCpu, PairingStats Second, int MovedOthers, int Others);
}
