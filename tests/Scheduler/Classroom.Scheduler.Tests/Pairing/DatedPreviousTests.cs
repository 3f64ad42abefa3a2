using Classroom.Scheduler.Pairing;
using static Classroom.Scheduler.Tests.Pairing.ProblemBuilder;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>
/// A 调休 week: Sunday follows Thursday's timetable, so both music lessons of Thursday occur twice
/// and a room that takes each once a week has four equally good choices. A previous pairing with
/// its date keeps the room on those days; keyed only by (lead lesson, room) any choice "kept" it.
/// </summary>
public sealed class DatedPreviousTests
{
    private static readonly CpSatPairingSolver Solver = new();

    private static PairingProblem MakeUpWeek(IReadOnlyList<PreviousPairing> previous)
    {
        var b = new ProblemBuilder().School(10, 100);
        foreach (var day in new[] { 3, 6 }) // Thursday 9/10 and the make-up Sunday 9/13
        {
            b.Lesson(1, "音乐", At(10, 0, day), teacher: 1, studio: 1);
            b.Lesson(2, "音乐", At(14, 30, day), teacher: 1, studio: 1);
        }

        b.Demand(7, 10, "音乐", 2, Window(At(10, 0, 3), 45), Window(At(14, 30, 3), 45), Window(At(10, 0, 6), 45), Window(At(14, 30, 6), 45));
        return b.Build(previous: previous);
    }

    [Fact]
    public void A_dated_previous_pairing_keeps_the_room_on_its_own_day_in_a_make_up_week()
    {
        // Stored before: lesson 2 on Thursday, lesson 1 on the make-up Sunday (not the solver's first choice).
        DateOnly thursday = new(2026, 9, 10), sunday = new(2026, 9, 13);
        var previous = new[] { new PreviousPairing(2, 7, thursday), new PreviousPairing(1, 7, sunday) };

        var result = Solver.Solve(MakeUpWeek(previous));

        Assert.Equal(["L1-20260913", "L2-20260910"], result.Pairings.Select(p => p.LessonId).Order(StringComparer.Ordinal));
        Assert.Equal(2, result.Stats.Kept);
        Assert.Equal(0, result.Stats.Moved);
    }

    [Fact]
    public void Re_solving_a_make_up_week_with_its_dated_result_changes_nothing()
    {
        var first = Solver.Solve(MakeUpWeek([]));
        var previous = first.Pairings.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId, DateOnly.ParseExact(p.LessonId[^8..], "yyyyMMdd"))).ToList();

        var second = Solver.Solve(MakeUpWeek(previous));

        Assert.Equal(first.Pairings, second.Pairings);
        Assert.Equal(2, second.Stats.Kept);
        Assert.Equal(0, second.Stats.Moved);
    }

    [Fact]
    public void A_dated_previous_pairing_on_another_day_is_not_kept()
    {
        // Previous on Friday: no occurrence that day, so it counts as moved even though lesson 1 runs for the room.
        var result = Solver.Solve(MakeUpWeek([new PreviousPairing(1, 7, new DateOnly(2026, 9, 11))]));

        Assert.Equal(2, result.Stats.Covered);
        Assert.Equal(0, result.Stats.Kept);
        Assert.Equal(1, result.Stats.Moved);
    }
}
