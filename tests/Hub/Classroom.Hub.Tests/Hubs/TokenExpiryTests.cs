using Classroom.Contracts.Tokens;
using Classroom.Hub.Protocol;
using Classroom.Hub.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Classroom.Testing;

namespace Classroom.Hub.Tests.Hubs;

/// <summary>
/// A connection lives as long as its join token, judged by the hub's own clock. SignalR closes
/// expired connections against the system clock, so a hub whose calendar time differs from the
/// machine's (here three hours behind, as a test host or a replayed demo day is) must neither
/// drop a connection whose token is still good nor keep one whose token ran out.
/// </summary>
public sealed class TokenExpiryTests : IAsyncLifetime
{
    private readonly CalendarClock _time = new(TimeProvider.System.GetUtcNow().AddHours(-3));
    private InProcessHub _hub = null!;

    public async Task InitializeAsync() => _hub = await InProcessHub.StartAsync(_time);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_token_valid_by_the_hubs_clock_keeps_its_connection_and_one_that_runs_out_is_closed()
    {
        var now = _time.GetUtcNow();
        await using var good = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        // Valid now (the codec allows a minute of skew past "exp"), with three seconds left.
        var shortLived = _hub.Tokens.Sign(new JoinTokenClaims("room:102", ClassroomRole.Classroom, TestLessons.Alliance, TestLessons.A, 2, 102, null,
            [JoinTokenScopes.Hub], now.AddMinutes(-1), now - JoinTokenConstants.ClockSkew + TimeSpan.FromSeconds(3), "short"));
        await using var expiring = await _hub.ConnectAsync(shortLived);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        expiring.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await expiring.Connection.InvokeAsync<LessonStateView>("GetLessonState");

        // SignalR scans for expired connections every second; well past the short token's end:
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var state = await good.Connection.InvokeAsync<LessonStateView>("GetLessonState");

        Assert.Equal(HubConnectionState.Connected, good.Connection.State);
        Assert.NotNull(state);
    }
}
