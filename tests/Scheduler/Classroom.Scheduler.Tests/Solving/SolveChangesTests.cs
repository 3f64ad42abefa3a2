using Classroom.Scheduler.Solving;

namespace Classroom.Scheduler.Tests.Solving;

public sealed class SolveChangesTests
{
    [Fact]
    public void A_first_solve_keeps_nothing_and_adds_every_pairing()
    {
        var changes = SolveChanges.Between([], [("L1-20261123", 7), ("L2-20261124", 7)], ["L1-20261123", "L2-20261124"]);

        Assert.Equal(new SolveChanges(Kept: 0, Moved: 0, Added: 2, DroppedNotOccurring: 0), changes);
    }

    [Fact]
    public void The_same_lesson_on_another_date_is_a_move_not_a_keep()
    {
        // 调休: the room had lead lesson 1 on Thursday; now it has it on the make-up Sunday.
        var changes = SolveChanges.Between([("L1-20261126", 7)], [("L1-20261129", 7)], ["L1-20261126", "L1-20261129"]);

        Assert.Equal(new SolveChanges(Kept: 0, Moved: 1, Added: 1, DroppedNotOccurring: 0), changes);
    }

    [Fact]
    public void Pairings_of_a_lesson_that_no_longer_occurs_are_dropped_not_moved()
    {
        // Wednesday became a holiday: its occurrence is gone from the solve.
        var changes = SolveChanges.Between(
            [("L1-20261123", 7), ("L3-20261125", 7), ("L3-20261125", 8)],
            [("L1-20261123", 7)],
            ["L1-20261123"]);

        Assert.Equal(new SolveChanges(Kept: 1, Moved: 0, Added: 0, DroppedNotOccurring: 2), changes);
    }
}
