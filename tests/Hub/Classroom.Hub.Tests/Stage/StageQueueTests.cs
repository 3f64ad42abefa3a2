using Classroom.Hub.Stage;
using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Tests.Stage;

public sealed class StageQueueTests
{
    private static HandRecord Hand(long room, long school, long at) =>
        new() { Id = Guid.NewGuid(), ClassroomId = room, SchoolId = school, ReceivedAtMs = at };

    private static StageCallRecord Call(long school, long at) => new() { Id = Guid.NewGuid(), SchoolId = school, CalledAtMs = at };

    [Fact]
    public void Uncalled_schools_first_then_fewer_calls_then_longest_ago_then_first_raised()
    {
        var hands = new[] { Hand(1, 10, 100), Hand(2, 20, 200), Hand(3, 30, 300), Hand(4, 40, 50), Hand(5, 10, 10) };
        var calls = new[] { Call(10, 1000), Call(10, 2000), Call(20, 1500), Call(40, 500) };
        var order = StageQueue.Order(hands, calls).Select(h => h.ClassroomId).ToArray();
        // 30 never called; 40 and 20 once (40 longer ago); 10 twice (room 5 raised first).
        Assert.Equal([3L, 4L, 2L, 5L, 1L], order);
    }

    [Fact]
    public void Only_waiting_hands_are_queued()
    {
        var lowered = Hand(1, 10, 1);
        lowered.State = HandStates.Lowered;
        Assert.Empty(StageQueue.Order([lowered], []));
    }
}
