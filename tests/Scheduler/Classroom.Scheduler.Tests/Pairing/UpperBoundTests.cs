using Classroom.Scheduler.Pairing;
using static Classroom.Scheduler.Tests.Pairing.ProblemBuilder;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>The bound's counting rules on cases small enough to count by hand.</summary>
public sealed class UpperBoundTests
{
    [Fact]
    public void RoomCannotTakeThreeOverlappingLessons()
    {
        var b = new ProblemBuilder();
        foreach (var (id, subject) in new[] { (1L, "音乐"), (2L, "美术"), (3L, "科学") })
        {
            b.Lesson(id, subject, At(9, 5 * (int)id));
            b.Demand(11, 1, subject, 1, Window(At(9, 0), 60));
        }

        var stats = new CpSatPairingSolver().Solve(b.Build()).Stats;

        Assert.Equal((3, 1, 1), (stats.Demanded, stats.UpperBound, stats.Covered));
    }

    [Fact]
    public void LinkLimitsConcurrentStreams()
    {
        // 5 Mbit/s carries two 2 Mbit/s streams: three rooms in one lesson → bound 2.
        var b = new ProblemBuilder().School(1, 5);
        b.Lesson(1, "音乐", At(9, 0), bitrate: 2);
        for (var room = 11; room <= 13; room++)
        {
            b.Demand(room, 1, "音乐", 1, Window(At(9, 0), 45));
        }

        var stats = new CpSatPairingSolver().Solve(b.Build()).Stats;

        Assert.Equal((2, 2), (stats.UpperBound, stats.Covered));
    }

    [Fact]
    public void RelayCapacityCapsALesson()
    {
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        for (var school = 1; school <= 4; school++)
        {
            b.Demand(10 * school, school, "音乐", 1, Window(At(9, 0), 45));
        }

        var stats = new CpSatPairingSolver().Solve(b.Build(relayCapacity: 3)).Stats;

        Assert.Equal((3, 3), (stats.UpperBound, stats.Covered));
    }

    [Fact]
    public void DemandTakesALeadLessonOnceAWeek()
    {
        // A 调休 Sunday repeats Monday's timetable: the same lead lesson twice in one week counts once.
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Lesson(1, "音乐", At(9, 0, day: 6));
        b.Demand(11, 1, "音乐", 2, Window(At(9, 0), 45), Window(At(9, 0, day: 6), 45));

        var result = new CpSatPairingSolver().Solve(b.Build());

        Assert.Equal((1, 1), (result.Stats.UpperBound, result.Stats.Covered));
        Assert.Equal(UncoveredReason.NotEnoughLessons, Assert.Single(result.Uncovered).Reason);
    }

    [Fact]
    public void TwoWeekRangeTakesTheLeadLessonInEachWeek()
    {
        // The domain asks LessonsPerWeek × weeks for a longer range; each week's occurrence counts.
        var b = new ProblemBuilder();
        b.Lesson(1, "音乐", At(9, 0));
        b.Lesson(1, "音乐", At(9, 0, day: 7));
        b.Demand(11, 1, "音乐", 2, Window(At(9, 0), 45), Window(At(9, 0, day: 7), 45));

        var result = new CpSatPairingSolver().Solve(b.Build());

        Assert.Equal((2, 2), (result.Stats.UpperBound, result.Stats.Covered));
        Assert.Empty(result.Uncovered);
    }
}
