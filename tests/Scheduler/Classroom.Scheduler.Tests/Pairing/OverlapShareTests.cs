using Classroom.Scheduler.Pairing;
using static Classroom.Scheduler.Tests.Pairing.ProblemBuilder;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>A 45-minute lesson at share 0.8 needs 36 minutes inside one window: 36 pairs, 35 does not.</summary>
public sealed class OverlapShareTests
{
    [Theory]
    [InlineData(9, true)] // window 09:09–10:00 covers 36 of 45 minutes = exactly 80 %
    [InlineData(10, false)] // 35 minutes
    [InlineData(0, true)]
    public void ShareIsInclusiveAtTheBoundary(int windowStartMinute, bool paired)
    {
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Demand(11, 1, "音乐", 1, Window(At(9, windowStartMinute), 60 - windowStartMinute));

        var result = new CpSatPairingSolver().Solve(b.Build());

        Assert.Equal(paired, result.Pairings.Count == 1);
        Assert.Equal(paired ? 0 : 1, result.Uncovered.Count);
        if (!paired)
        {
            Assert.Equal(UncoveredReason.NoOverlappingPeriod, result.Uncovered[0].Reason);
        }
    }

    [Fact]
    public void TwoWindowsDoNotAddUp()
    {
        // 09:00–09:25 and 09:25–09:45 cover the lesson together, but no single window covers 80 %.
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Demand(11, 1, "音乐", 1, Window(At(9, 0), 25), Window(At(9, 25), 20));

        Assert.Empty(new CpSatPairingSolver().Solve(b.Build()).Pairings);
    }

    [Fact]
    public void ShareOfOneNeedsTheWholeLesson()
    {
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Demand(11, 1, "音乐", 1, Window(At(9, 0), 45));
        b.Demand(12, 1, "音乐", 1, Window(At(9, 1), 45));

        var result = new CpSatPairingSolver().Solve(b.Build(share: 1.0));

        Assert.Equal(11, Assert.Single(result.Pairings).ClassroomId);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void ShareOutsideZeroToOneIsRefused(double share)
    {
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));

        Assert.Throws<ArgumentOutOfRangeException>(() => new CpSatPairingSolver().Solve(b.Build(share: share)));
    }
}
