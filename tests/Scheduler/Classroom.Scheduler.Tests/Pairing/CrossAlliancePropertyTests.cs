using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Pairing.Synthetic;
using FsCheck;
using FsCheck.Xunit;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>
/// Cross-alliance policies and mixed-grade rooms: random tiny problems against the brute-force
/// optimum, and small generated counties (own / listed / county policy; normal, holiday and 调休
/// weeks) against the independent checker.
/// </summary>
public sealed class CrossAlliancePropertyTests
{
    private static readonly CpSatPairingSolver Solver = new();

    [Property(MaxTest = 150)]
    public void Random_policies_and_a_two_grade_room_keep_every_rule_and_reach_the_optimum(PositiveInt seed)
    {
        var problem = RandomCountyProblems.Tiny(seed.Get);

        var result = Solver.Solve(problem);
        var best = BruteForce.MaxCoverage(problem);

        Assert.Empty(PairingChecker.Violations(problem, result));
        Assert.Empty(ForbiddenCrossPairings(problem, result));
        Assert.Empty(RoomDoubleBookings(problem, result));
        Assert.Equal(best, result.Stats.Covered);
        Assert.True(best <= result.Stats.UpperBound, $"bound {result.Stats.UpperBound} below the optimum {best}");
        Assert.True(best <= RoomExactBound.Compute(problem), $"room-exact bound {RoomExactBound.Compute(problem)} below the optimum {best}");
    }

    [Fact]
    public void The_random_problems_do_pair_across_alliances_and_both_grades_of_one_room()
    {
        // Guards the properties above against vacuous inputs.
        var results = Enumerable.Range(1, 150).Select(RandomCountyProblems.Tiny).Select(p => (Problem: p, Result: Solver.Solve(p))).ToList();

        Assert.Contains(results, r => r.Result.Pairings.Any(p => r.Problem.Lessons.Single(l => l.LessonId == p.LessonId).AllianceId != r.Problem.Demands.Single(d => d.DemandId == p.DemandId).AllianceId));
        Assert.Contains(results, r => r.Result.Pairings.Where(p => p.ClassroomId == RandomCountyProblems.MixedRoom).Select(p => r.Problem.Demands.Single(d => d.DemandId == p.DemandId).Grade).Distinct().Count() == 2);
        Assert.Contains(results, r => r.Result.Uncovered.Any(u => u.ClassroomId == RandomCountyProblems.MixedRoom && u.Reason == UncoveredReason.RoomBusy));
    }

    [Property(MaxTest = 40)]
    public void A_small_county_keeps_every_rule_under_its_policy_and_is_optimal(PositiveInt seed)
    {
        var problem = CountyGenerator.Generate(CountyOptions.Small(seed.Get));

        var result = Solver.Solve(problem);

        Assert.Empty(PairingChecker.Violations(problem, result));
        Assert.Empty(ForbiddenCrossPairings(problem, result));
        Assert.Empty(RoomDoubleBookings(problem, result));
        Assert.Equal("OPTIMAL", result.Stats.SolverStatus);
        Assert.True(result.Stats.Covered <= RoomExactBound.Compute(problem), "coverage above the room-exact bound");
    }

    [Property(MaxTest = 25)]
    public void A_wider_policy_never_covers_less(PositiveInt seed)
    {
        var options = CountyOptions.Small(seed.Get);

        var covered = new[] { CrossAlliance.Own, CrossAlliance.Listed, CrossAlliance.County }
            .Select(policy => Solver.Solve(CountyGenerator.Generate(options with { Cross = policy })).Stats)
            .ToList();

        Assert.All(covered, s => Assert.Equal("OPTIMAL", s.SolverStatus));
        Assert.True(covered[0].Covered <= covered[1].Covered && covered[1].Covered <= covered[2].Covered, string.Join(" ≤ ", covered.Select(s => s.Covered)));
    }

    [Property(MaxTest = 25)]
    public void Re_solving_an_unchanged_county_week_with_its_dated_result_moves_nothing(PositiveInt seed)
    {
        // Small() cycles through the normal, holiday and 调休 weeks.
        var problem = CountyGenerator.Generate(CountyOptions.Small(seed.Get));
        var first = Solver.Solve(problem);
        var previous = first.Pairings.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId, DateOnly.ParseExact(p.LessonId[^8..], "yyyyMMdd"))).ToList();

        var second = Solver.Solve(problem with { Previous = previous });

        Assert.Equal(first.Pairings, second.Pairings);
        Assert.Equal((previous.Count, 0), (second.Stats.Kept, second.Stats.Moved));
    }

    /// <summary>Pairings whose lesson comes from an alliance the demand's policy does not allow (written out, not the checker's).</summary>
    internal static List<LessonPairing> ForbiddenCrossPairings(PairingProblem problem, PairingResult result)
    {
        var lessonAlliance = problem.Lessons.ToDictionary(l => l.LessonId, l => l.AllianceId);
        var demands = problem.Demands.ToDictionary(d => d.DemandId);
        return [.. result.Pairings.Where(p =>
        {
            var d = demands[p.DemandId];
            var a = lessonAlliance[p.LessonId];
            return a != d.AllianceId && !(d.LessonAlliances?.Contains(a) ?? false);
        })];
    }

    /// <summary>Pairs of overlapping lessons one room attends, whichever of its grades each is for.</summary>
    internal static List<(string, string)> RoomDoubleBookings(PairingProblem problem, PairingResult result)
    {
        var lessons = problem.Lessons.ToDictionary(l => l.LessonId);
        return [.. from a in result.Pairings
                   from b in result.Pairings
                   where a.ClassroomId == b.ClassroomId && string.CompareOrdinal(a.LessonId, b.LessonId) < 0
                   let x = lessons[a.LessonId]
                   let y = lessons[b.LessonId]
                   where x.Start < y.End && y.Start < x.End
                   select (a.LessonId, b.LessonId)];
    }
}
