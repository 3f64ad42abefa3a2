using Classroom.Scheduler.Pairing;
using static Classroom.Scheduler.Tests.Pairing.ProblemBuilder;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>One hand-built case per reason: the uncovered demand must name the constraint that blocks it.</summary>
public sealed class UncoveredReasonTests
{
    private static readonly CpSatPairingSolver Solver = new();

    [Fact]
    public void NoLessonOfTheSubjectIsNoMatchingLesson()
    {
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Demand(11, 1, "科学", 1, Window(At(9, 0), 45));

        var u = SolveOne(b.Build());

        Assert.Equal(UncoveredReason.NoMatchingLesson, u.Reason);
        Assert.Contains("科学", u.Detail, StringComparison.Ordinal);
        Assert.Contains("没有科学（", u.DetailZh, StringComparison.Ordinal);
    }

    [Fact]
    public void LessonOutsideTheWindowsIsNoOverlappingPeriod()
    {
        var b = new ProblemBuilder();
        var lesson = b.Lesson(1, "音乐", At(9, 0));
        b.Demand(11, 1, "音乐", 1, Window(At(14, 0), 45));

        var u = SolveOne(b.Build());

        Assert.Equal(UncoveredReason.NoOverlappingPeriod, u.Reason);
        Assert.Contains(lesson, u.Detail, StringComparison.Ordinal);
        Assert.Contains("80%", u.Detail, StringComparison.Ordinal);
        Assert.Contains(lesson, u.DetailZh, StringComparison.Ordinal);
        Assert.Contains("课长的 80%", u.DetailZh, StringComparison.Ordinal);
        Assert.Matches("（周[一二三四五六日] ", u.DetailZh);
    }

    [Fact]
    public void FewerCandidatesThanCountIsNotEnoughLessons()
    {
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Demand(11, 1, "音乐", 3, Window(At(9, 0), 45));

        var result = Solver.Solve(b.Build());
        var u = Assert.Single(result.Uncovered);

        Assert.Single(result.Pairings);
        Assert.Equal(UncoveredReason.NotEnoughLessons, u.Reason);
        Assert.Equal(2, u.Missing);
    }

    [Fact]
    public void RoomInAnOverlappingLessonIsRoomBusy()
    {
        var b = new ProblemBuilder();
        var music = b.Lesson(1, "音乐", At(9, 0));
        var art = b.Lesson(2, "美术", At(9, 10));
        b.Demand(11, 1, "音乐", 1, Window(At(9, 0), 45));
        b.Demand(11, 1, "美术", 1, Window(At(9, 10), 45));

        var result = Solver.Solve(b.Build());
        var u = Assert.Single(result.Uncovered);

        Assert.Equal(UncoveredReason.RoomBusy, u.Reason);
        var held = Assert.Single(result.Pairings).LessonId;
        Assert.Contains(held, u.Detail, StringComparison.Ordinal);
        Assert.Contains(held == music ? art : music, u.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SchoolLinkCarryingAnotherStreamIsLinkFull()
    {
        var b = new ProblemBuilder().School(1, 3.5);
        b.Lesson(1, "音乐", At(9, 0), bitrate: 2);
        b.Lesson(2, "美术", At(9, 20), bitrate: 2);
        b.Demand(11, 1, "音乐", 1, Window(At(9, 0), 45));
        b.Demand(12, 1, "美术", 1, Window(At(9, 20), 45));

        var u = SolveOne(b.Build(), pairings: 1);

        Assert.Equal(UncoveredReason.LinkFull, u.Reason);
        Assert.Contains("3.5 Mbit/s", u.Detail, StringComparison.Ordinal);
        Assert.Contains("的网络（3.5 Mbit/s）", u.DetailZh, StringComparison.Ordinal);
    }

    [Fact]
    public void FullRelayHeldByABetterOffSchoolIsRelayCapacityFull()
    {
        var b = new ProblemBuilder();
        var lesson = b.Lesson(1, "音乐", At(9, 0));
        b.Demand(11, 1, "音乐", 1, Window(At(9, 0), 45));
        b.Demand(21, 2, "音乐", 1, Window(At(9, 0), 45));

        var u = SolveOne(b.Build(relayCapacity: 1), pairings: 1);

        Assert.Equal(UncoveredReason.RelayCapacityFull, u.Reason);
        Assert.Contains(lesson, u.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SeatsGivenToAWorseOffSchoolAreFairShare()
    {
        // School 1 has two rooms, school 2 one; two lessons with one seat each. Coverage is 2 either
        // way; fairness gives school 2 its seat (shares 1/2 and 1/1 instead of 2/2 and 0/1).
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Lesson(2, "音乐", At(10, 0));
        var windows = new[] { Window(At(9, 0), 45), Window(At(10, 0), 45) };
        b.Demand(11, 1, "音乐", 1, windows);
        b.Demand(12, 1, "音乐", 1, windows);
        b.Demand(21, 2, "音乐", 1, windows);

        var result = Solver.Solve(b.Build(relayCapacity: 1));
        var u = Assert.Single(result.Uncovered);

        Assert.Contains(result.Pairings, p => p.SchoolId == 2);
        Assert.Equal(1, u.SchoolId);
        Assert.Equal(UncoveredReason.FairShare, u.Reason);
    }

    [Fact]
    public void TeacherTeachingAnOverlappingLessonIsTeacherOrStudioBusy()
    {
        var b = new ProblemBuilder();
        var music = b.Lesson(1, "音乐", At(9, 0), teacher: 7);
        var art = b.Lesson(2, "美术", At(9, 30), teacher: 7);
        b.Demand(11, 1, "音乐", 1, Window(At(9, 0), 45));
        b.Demand(21, 2, "美术", 1, Window(At(9, 30), 45));

        var result = Solver.Solve(b.Build());
        var u = Assert.Single(result.Uncovered);

        Assert.Equal(UncoveredReason.TeacherOrStudioBusy, u.Reason);
        Assert.Contains(Assert.Single(result.Pairings).LessonId == music ? art : music, u.Detail, StringComparison.Ordinal);
        Assert.Contains("teacher (id 7)", u.Detail, StringComparison.Ordinal);
        Assert.Contains("主讲教师（编号 7）", u.DetailZh, StringComparison.Ordinal);
    }

    [Fact]
    public void StudioInUseIsTeacherOrStudioBusyToo()
    {
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0), studio: 5);
        b.Lesson(2, "美术", At(9, 0), studio: 5);
        b.Demand(11, 1, "音乐", 1, Window(At(9, 0), 45));
        b.Demand(21, 2, "美术", 1, Window(At(9, 0), 45));

        var u = SolveOne(b.Build(), pairings: 1);

        Assert.Equal(UncoveredReason.TeacherOrStudioBusy, u.Reason);
        Assert.Contains("studio (id 5)", u.Detail, StringComparison.Ordinal);
        Assert.Contains("录播室（编号 5）", u.DetailZh, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSearchTimeLeftIsTimeLimit()
    {
        // The greedy start cannot prove this optimal (one seat, two schools), and no time is left to search.
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Demand(11, 1, "音乐", 1, Window(At(9, 0), 45));
        b.Demand(21, 2, "音乐", 1, Window(At(9, 0), 45));

        var result = Solver.Solve(b.Build(relayCapacity: 1, timeLimit: TimeSpan.Zero));

        Assert.Equal("FEASIBLE", result.Stats.SolverStatus);
        Assert.Equal(UncoveredReason.TimeLimit, Assert.Single(result.Uncovered).Reason);
        Assert.Empty(PairingChecker.Violations(b.Build(relayCapacity: 1), result));
    }

    [Fact]
    public void UnboundedTimeLimitStillSearches()
    {
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Demand(11, 1, "音乐", 1, Window(At(9, 0), 45));
        b.Demand(21, 2, "音乐", 1, Window(At(9, 0), 45));

        var result = Solver.Solve(b.Build(relayCapacity: 1, timeLimit: TimeSpan.MaxValue));

        Assert.Equal("OPTIMAL", result.Stats.SolverStatus);
        Assert.Equal(UncoveredReason.RelayCapacityFull, Assert.Single(result.Uncovered).Reason);
    }

    private static UncoveredDemand SolveOne(PairingProblem problem, int pairings = 0)
    {
        var result = Solver.Solve(problem);
        Assert.Empty(PairingChecker.Violations(problem, result));
        Assert.Equal(pairings, result.Pairings.Count);
        return Assert.Single(result.Uncovered);
    }
}
