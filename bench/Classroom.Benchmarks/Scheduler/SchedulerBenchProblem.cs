using System.Globalization;
using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Pairing.Synthetic;

namespace Classroom.Benchmarks.Scheduler;

/// <summary>
/// The problem a <c>scheduler-solve</c> run measures, from its flags: the 300-school benchmark
/// district (default; <c>--district N</c> for N schools, 10 per alliance; <c>--tight</c>), or the
/// county shape (<c>--county N</c>, N schools in 8 towns); <c>--cross own|listed|county</c> sets the
/// cross-alliance policy, <c>--week normal|holiday|makeup</c> the calendar week (the district's
/// generated week moved onto it with <see cref="DistrictGenerator.InWeek"/>).
/// </summary>
internal sealed record SchedulerBenchProblem(PairingProblem Problem, string Description, CrossAlliance Cross)
{
    public static SchedulerBenchProblem FromArgs(string[] args)
    {
        var cross = Enum.Parse<CrossAlliance>(Text(args, "--cross", "own"), ignoreCase: true);
        var limit = TimeSpan.FromSeconds(Number(args, "--time-limit", 10));
        var seed = Number(args, "--seed", 1);
        PairingProblem problem;
        string shape;
        if (args.Contains("--county"))
        {
            var week = CountyWeek.Named(Text(args, "--week", "normal"));
            var options = new CountyOptions { Seed = seed, Schools = Number(args, "--county", 100), Cross = cross, Week = week };
            problem = CountyGenerator.Generate(options with { Settings = options.Settings with { TimeLimit = limit } });
            shape = Invariant($"county: {options.Schools} schools in {options.Towns} towns, {week}");
        }
        else
        {
            var alliances = args.Contains("--district") ? Math.Max(1, Number(args, "--district", 300) / 10) : Number(args, "--alliances", 30);
            var options = new DistrictOptions { Seed = seed, Alliances = alliances, Cross = cross };
            if (args.Contains("--tight"))
            {
                // Constraints that bind: thin links, small relays, a few clashing lead lessons.
                options = options with { MinLinkMbps = 10, MaxLinkMbps = 30, RelayCapacityPerLesson = 10, ClashProbability = 0.02, Settings = options.Settings with { RelayCapacityPerLesson = 10 } };
            }

            problem = DistrictGenerator.RepeatWeeks(DistrictGenerator.Generate(options with { Settings = options.Settings with { TimeLimit = limit } }), Number(args, "--weeks", 1));
            shape = Invariant($"district: {problem.Demands.Select(d => d.SchoolId).Distinct().Count() + alliances} schools in {alliances} alliances");
            if (args.Contains("--week"))
            {
                var week = CountyWeek.Named(Text(args, "--week", "normal"));
                problem = DistrictGenerator.InWeek(problem, week);
                shape += Invariant($", {week}");
            }
        }

        var grades = problem.Demands.GroupBy(d => d.ClassroomId).Count(g => g.Select(d => d.Grade).Distinct().Skip(1).Any());
        var description = shape + Invariant($", policy {cross}: {problem.Demands.Select(d => d.ClassroomId).Distinct().Count()} member rooms ({grades} mixed-grade), {problem.Lessons.Count} lesson occurrences, {problem.Demands.Count} demands ({problem.Demands.Sum(d => d.Count)} lessons wanted), workers {problem.Settings.Workers}, limit {problem.Settings.TimeLimit.TotalSeconds}s");
        return new SchedulerBenchProblem(problem, description, cross);
    }

    public static int Number(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    public static string Text(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
