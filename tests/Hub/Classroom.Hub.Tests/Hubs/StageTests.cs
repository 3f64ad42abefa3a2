using Classroom.Contracts.Tokens;
using Classroom.Hub.Protocol;
using Classroom.Hub.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Classroom.Hub.Tests.Hubs;

/// <summary>The on-stage queue through the hub: fair across schools, a publish grant for the called room only.</summary>
public sealed class StageTests : IAsyncLifetime
{
    private InProcessHub _hub = null!;

    public async Task InitializeAsync() => _hub = await InProcessHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_school_not_called_yet_goes_first_and_the_called_room_gets_a_publish_token()
    {
        await using var teacher = await _hub.ConnectAsync(_hub.Tokens.Teacher());
        await using var r101 = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        await using var r102 = await _hub.ConnectAsync(_hub.Tokens.Room(102, 2));
        await using var r201 = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));

        await r101.Call<RecordAck>("RaiseHand", new HandInput(Guid.NewGuid(), TestLessons.A, 101, MediaTime.Now));
        var grant = await teacher.Call<StageGrantView>("BringOnStage", new StageInput(TestLessons.A, 101));
        var pushed = await r101.WaitForAsync<StageGrantView>("StageGranted");
        Assert.Equal(grant.PublishToken, pushed.PublishToken);
        Assert.True(JoinTokenCodec.TryValidate(grant.PublishToken, _hub.Tokens.Key, TimeProvider.System.GetUtcNow(), out var claims, out _));
        Assert.Equal((TestLessons.A, 101L, true), (claims!.LessonId, claims.ClassroomId!.Value, claims.HasScope(JoinTokenScopes.Publish)));
        Assert.DoesNotContain(r102.Events, e => e.Method == "StageGranted");
        await teacher.Connection.InvokeAsync("TakeOffStage", new StageInput(TestLessons.A, 101));
        await r101.WaitForAsync<long>("StageRevoked");

        // School 2 has been on stage; school 3 raised later but comes first.
        await r102.Call<RecordAck>("RaiseHand", new HandInput(Guid.NewGuid(), TestLessons.A, 102, MediaTime.Now));
        await r201.Call<RecordAck>("RaiseHand", new HandInput(Guid.NewGuid(), TestLessons.A, 201, MediaTime.Now + 5000));
        var again = await r102.Call<RecordAck>("RaiseHand", new HandInput(Guid.NewGuid(), TestLessons.A, 102, MediaTime.Now));
        Assert.True(again.Duplicate);
        var state = await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        Assert.Equal([201L, 102L], state.Stage.Queue.Select(h => h.ClassroomId));
        Assert.Empty(state.Stage.OnStage);
    }

    [Fact]
    public async Task A_room_can_lower_its_own_hand_only()
    {
        await using var r101 = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        await using var r201 = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));
        var hand = Guid.NewGuid();
        await r101.Call<RecordAck>("RaiseHand", new HandInput(hand, TestLessons.A, 101, MediaTime.Now));
        Assert.Equal("forbidden", await r201.ErrorOf("LowerHand", new LowerHandInput(TestLessons.A, 101, hand)));
        Assert.Equal("not_found", await r201.ErrorOf("LowerHand", new LowerHandInput(TestLessons.A, 201, hand)));
        await r101.Connection.InvokeAsync("LowerHand", new LowerHandInput(TestLessons.A, 101, hand));
        var state = await r101.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        Assert.Empty(state.Stage.Queue);
    }
}
