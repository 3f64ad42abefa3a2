using Classroom.Testing.Stores;
using Classroom.Hub.Protocol;
using Classroom.Hub.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Classroom.Hub.Tests.MultiNode;

/// <summary>Two hub nodes, one store, one real redis-server backplane.</summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class RedisBackplaneTests : IAsyncLifetime
{
    private RedisProcess _redis = null!;
    private InProcessHub _nodeA = null!;
    private InProcessHub _nodeB = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync();
        var folder = TempFolder.Create("multinode");
        _nodeA = await InProcessHub.StartAsync(redis: _redis.ConnectionString, folder: folder);
        _nodeB = await InProcessHub.StartAsync(redis: _redis.ConnectionString, folder: folder);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_question_asked_on_node_A_reaches_the_teacher_on_node_B()
    {
        await using var teacher = await _nodeB.ConnectAsync(_nodeB.Tokens.Teacher());
        // As the teacher page does after every (re)connect: read the state. Invocations run after
        // OnConnectedAsync, so the teacher's groups are subscribed in Redis from here on; without
        // it the room's PresenceChanged could be published before node B subscribed (that event
        // is then in the state the page read, not lost for the user, but missed by this test).
        await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        await using var room = await _nodeA.ConnectAsync(_nodeA.Tokens.Room(101, 2));
        await using var outsider = await _nodeB.ConnectAsync(_nodeB.Tokens.Teacher(TestLessons.B, 20));
        var q = new QuestionInput(Guid.NewGuid(), TestLessons.A, 101, "节点A的问题", MediaTime.Now);

        await room.Call<RecordAck>("AskQuestion", q);

        var seen = await teacher.WaitForAsync<QuestionView>("QuestionAsked", v => v.Id == q.Id);
        Assert.Equal("节点A的问题", seen.Text);
        await teacher.WaitForAsync<PresenceView>("PresenceChanged", p => p.ClassroomId == 101);
        Assert.DoesNotContain(outsider.Events, e => e.Method == "QuestionAsked");
    }

    [Fact]
    public async Task Records_are_stored_while_redis_is_down_and_the_teacher_catches_up_after_it_returns()
    {
        await using var teacher = await _nodeB.ConnectAsync(_nodeB.Tokens.Teacher());
        await using var room = await _nodeA.ConnectAsync(_nodeA.Tokens.Room(201, 3));
        // Invocations run after OnConnectedAsync (which subscribes the groups in Redis) finished.
        await room.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        await _redis.StopAsync();
        var q = new QuestionInput(Guid.NewGuid(), TestLessons.A, 201, "Redis 停了", MediaTime.Now);

        var ack = await room.Call<RecordAck>("AskQuestion", q);
        await _redis.StartAgainAsync();

        Assert.False(ack.Duplicate);
        // The backplane may deliver late (client backlog) or not at all; then the node tells the lesson to resync.
        await teacher.WaitForAnyAsync(e => e.Method == "Resync" || (e.Arg is QuestionView v && v.Id == q.Id), 30_000);
        var state = await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        Assert.Contains(state.Questions, v => v.Id == q.Id);
    }
}
