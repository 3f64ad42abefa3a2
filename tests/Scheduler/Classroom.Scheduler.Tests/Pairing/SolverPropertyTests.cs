using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Pairing.Synthetic;
using FsCheck;
using FsCheck.Xunit;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>Properties over small seeded alliances with tight links, one-or-two-seat relays and teacher clashes.</summary>
public sealed class SolverPropertyTests
{
    private static readonly CpSatPairingSolver Solver = new();

    [Property(MaxTest = 60)]
    public void SolutionBreaksNoRuleAndExplainsEveryShortfall(PositiveInt seed)
    {
        var problem = DistrictGenerator.Generate(DistrictOptions.Small(seed.Get));

        var result = Solver.Solve(problem);

        Assert.Empty(PairingChecker.Violations(problem, result));
        Assert.Equal("OPTIMAL", result.Stats.SolverStatus);
    }

    [Property(MaxTest = 40)]
    public void CoverageIsTheTrueMaximumAndTheBoundHoldsIt(PositiveInt seed)
    {
        var problem = DistrictGenerator.Generate(Tiny(seed.Get));

        var result = Solver.Solve(problem);
        var best = BruteForce.MaxCoverage(problem);

        Assert.True(best is not null, "brute force exceeded its budget; shrink Tiny()");
        Assert.Equal(best, result.Stats.Covered);
        Assert.True(best <= result.Stats.UpperBound, $"bound {result.Stats.UpperBound} below the optimum {best}");
    }

    [Property(MaxTest = 150)]
    public void ArbitraryTimesKeepEveryRuleReachTheOptimumAndRespectTheBound(PositiveInt seed)
    {
        var problem = RandomProblems.Tiny(seed.Get);

        var result = Solver.Solve(problem);
        var best = BruteForce.MaxCoverage(problem);

        Assert.Empty(PairingChecker.Violations(problem, result));
        Assert.Equal(best, result.Stats.Covered);
        Assert.True(best <= result.Stats.UpperBound, $"bound {result.Stats.UpperBound} below the optimum {best}");
    }

    [Property(MaxTest = 30)]
    public void ResolvingUnchangedInputWithPreviousChangesNoPairing(PositiveInt seed)
    {
        var problem = DistrictGenerator.Generate(DistrictOptions.Small(seed.Get));
        var first = Solver.Solve(problem);
        var previous = first.Pairings.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId)).Distinct().ToList();

        var second = Solver.Solve(problem with { Previous = previous });

        Assert.Equal(first.Pairings, second.Pairings);
        Assert.Equal(0, second.Stats.Moved);
        Assert.Equal(previous.Count, second.Stats.Kept);
    }

    [Property(MaxTest = 20)]
    public void SameInputGivesTheSamePairing(PositiveInt seed)
    {
        var problem = DistrictGenerator.Generate(DistrictOptions.Small(seed.Get) with { Alliances = 3 });

        Assert.Equal(Solver.Solve(problem).Pairings, Solver.Solve(problem).Pairings);
    }

    [Fact]
    public void AlliancesSolvedTogetherEqualAlliancesSolvedApart()
    {
        var problem = DistrictGenerator.Generate(DistrictOptions.Small(5) with { Alliances = 3 });

        var together = Solver.Solve(problem).Pairings;
        var apart = problem.Demands.Select(d => d.AllianceId).Distinct()
            .SelectMany(a => Solver.Solve(problem with
            {
                Lessons = [.. problem.Lessons.Where(l => l.AllianceId == a)],
                Demands = [.. problem.Demands.Where(d => d.AllianceId == a)],
            }).Pairings)
            .OrderBy(p => p.LessonId, StringComparer.Ordinal).ThenBy(p => p.ClassroomId).ThenBy(p => p.DemandId);

        Assert.Equal(together, apart);
    }

    [Fact]
    public void FullSizeAlliancesWithTwoWorkersBreakNoRuleAndRepeat()
    {
        var problem = DistrictGenerator.Generate(new DistrictOptions { Seed = 7, Alliances = 2 });

        var first = Solver.Solve(problem);
        var second = Solver.Solve(problem);

        Assert.Empty(PairingChecker.Violations(problem, first));
        Assert.Equal(first.Pairings, second.Pairings);
        Assert.True(first.Stats.Covered > first.Stats.Demanded / 2, $"covered only {first.Stats.Covered} of {first.Stats.Demanded}");
    }

    [Fact]
    public void ChangingOneSchoolKeepsTheOthersPairings()
    {
        var problem = DistrictGenerator.Generate(new DistrictOptions { Seed = 3, Alliances = 2 });
        var first = Solver.Solve(problem);
        var previous = first.Pairings.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId)).Distinct().ToList();
        var changed = first.Pairings[0].SchoolId;

        var changedProblem = DistrictGenerator.ChangeSchoolTimetable(problem, changed, 15, previous);
        var second = Solver.Solve(changedProblem);

        Assert.Empty(PairingChecker.Violations(changedProblem, second));
        var now = second.Pairings.Select(p => (p.LeadLessonId, p.ClassroomId)).ToHashSet();
        var others = first.Pairings.Where(p => p.SchoolId != changed).ToList();
        Assert.True(others.Count(p => !now.Contains((p.LeadLessonId, p.ClassroomId))) <= others.Count / 100, "more than 1 % of other schools' pairings moved");
        Assert.Equal(previous.Count - second.Stats.Kept, second.Stats.Moved);
    }

    [Fact]
    public void MovingOneLeadLessonKeepsTheOtherLessonsPairings()
    {
        var problem = DistrictGenerator.Generate(new DistrictOptions { Seed = 4, Alliances = 2 });
        var first = Solver.Solve(problem);
        var previous = first.Pairings.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId)).Distinct().ToList();
        var moved = first.Pairings.GroupBy(p => p.LeadLessonId).OrderByDescending(g => g.Count()).First().Key;

        var changedProblem = DistrictGenerator.MoveLeadLesson(problem, moved, TimeSpan.FromDays(1), previous);
        var second = Solver.Solve(changedProblem);

        Assert.Empty(PairingChecker.Violations(changedProblem, second));
        var now = second.Pairings.Select(p => (p.LeadLessonId, p.ClassroomId)).ToHashSet();
        var others = first.Pairings.Where(p => p.LeadLessonId != moved).ToList();
        Assert.True(others.Count(p => !now.Contains((p.LeadLessonId, p.ClassroomId))) <= others.Count / 100, "more than 1 % of other lessons' pairings moved");
    }

    [Fact]
    public void TinyTimeLimitStillGivesAValidExplainedPairing()
    {
        // Whether or not CP-SAT gets to finish, the result must keep every rule and explain every shortfall.
        var options = new DistrictOptions { Seed = 11, Alliances = 2, MinLinkMbps = 10, MaxLinkMbps = 20, RelayCapacityPerLesson = 5, ClashProbability = 0.05 };
        var problem = DistrictGenerator.Generate(options with { Settings = options.Settings with { RelayCapacityPerLesson = 5, TimeLimit = TimeSpan.FromMilliseconds(30) } });

        var result = Solver.Solve(problem);

        Assert.Empty(PairingChecker.Violations(problem, result));
        Assert.Contains(result.Stats.SolverStatus, new[] { "OPTIMAL", "FEASIBLE" });
    }

    [Fact]
    public void CancelledBeforeStartThrows()
    {
        var problem = DistrictGenerator.Generate(DistrictOptions.Small(1));

        Assert.Throws<OperationCanceledException>(() => Solver.Solve(problem, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void CancelledDuringATermLengthSolveThrows()
    {
        // One alliance over 18 weeks. The token is cancelled the moment the solver first reads its
        // clock — after its entry check, before any work — so the cancellation lands mid-solve on
        // any machine, however fast (a timer-based cancel raced the solve once the machine was idle).
        var term = DistrictGenerator.RepeatWeeks(DistrictGenerator.Generate(new DistrictOptions { Seed = 1, Alliances = 1 }), 18);
        using var cts = new CancellationTokenSource();
        var solver = new CpSatPairingSolver(new CancellingClock(cts));

        Assert.ThrowsAny<OperationCanceledException>(() => solver.Solve(term, cts.Token));
    }

    /// <summary>A real clock that cancels a token on its first reading.</summary>
    private sealed class CancellingClock(CancellationTokenSource cts) : TimeProvider
    {
        public override long GetTimestamp()
        {
            cts.Cancel();
            return base.GetTimestamp();
        }
    }

    [Fact]
    public void TwoWeekRangeBreaksNoRule()
    {
        var problem = DistrictGenerator.RepeatWeeks(DistrictGenerator.Generate(DistrictOptions.Small(4)), 2);

        var result = Solver.Solve(problem);

        Assert.Empty(PairingChecker.Violations(problem, result));
        Assert.True(result.Pairings.Select(p => p.LessonId[^8..]).Distinct().Count() > 5, "both weeks should be used");
    }

    private static DistrictOptions Tiny(int seed) => DistrictOptions.Small(seed) with
    {
        Alliances = 1,
        MembersPerAlliance = 2,
        MaxRoomsPerMember = 2,
        Grades = 1,
    };
}
