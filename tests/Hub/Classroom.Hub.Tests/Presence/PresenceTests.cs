using Classroom.Hub.Presence;
using Classroom.Hub.Protocol;
using Classroom.Hub.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.Hub.Tests.Presence;

/// <summary>Presence intervals in the real store, with a fake clock: grace reconnects, sweeps, crash recovery.</summary>
public sealed class PresenceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero));
    private InProcessHub _hub = null!;

    private PresenceStore Store => _hub.Service<PresenceStore>();

    public async Task InitializeAsync() => _hub = await InProcessHub.StartAsync(_time);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_reconnect_within_grace_continues_the_interval_and_counts_a_drop()
    {
        await Store.ConnectAsync(TestLessons.A, "room:101", "classroom", 101, 2, default);
        _time.Advance(TimeSpan.FromSeconds(40));
        await Store.DisconnectAsync(TestLessons.A, "room:101", default);
        _time.Advance(TimeSpan.FromSeconds(20));
        await Store.ConnectAsync(TestLessons.A, "room:101", "classroom", 101, 2, default);
        _time.Advance(TimeSpan.FromSeconds(10));
        await Store.SweepAsync(default);

        await using var db = _hub.Db();
        var interval = Assert.Single(await db.Presence.Where(p => p.Subject == "room:101").ToListAsync());
        Assert.Equal((1, (long?)null), (interval.Drops, interval.EndedAtMs));
    }

    [Fact]
    public async Task After_the_grace_period_the_interval_ends_at_the_disconnect_and_a_new_one_starts()
    {
        var start = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await Store.ConnectAsync(TestLessons.A, "room:102", "classroom", 102, 2, default);
        _time.Advance(TimeSpan.FromSeconds(10));
        await Store.DisconnectAsync(TestLessons.A, "room:102", default);
        _time.Advance(TimeSpan.FromMinutes(2)); // the background sweeper may run during the advance too
        await Store.SweepAsync(default);
        await Store.ConnectAsync(TestLessons.A, "room:102", "classroom", 102, 2, default);

        await using var db = _hub.Db();
        var intervals = await db.Presence.Where(p => p.Subject == "room:102").OrderBy(p => p.StartedAtMs).ToListAsync();
        Assert.Equal(2, intervals.Count);
        Assert.Equal(start + 10_000, intervals[0].EndedAtMs);
        Assert.Null(intervals[1].EndedAtMs);
        Assert.Equal(1, intervals[1].Drops);
    }

    [Fact]
    public async Task An_interval_left_open_by_a_crash_is_closed_at_its_last_heartbeat()
    {
        var start = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await Store.ConnectAsync(TestLessons.A, "room:201", "classroom", 201, 3, default);
        _time.Advance(TimeSpan.FromSeconds(15));
        await Store.HeartbeatAsync(TestLessons.A, "room:201", "classroom", 201, 3, default);
        // The node dies: no disconnect is ever recorded.
        _time.Advance(TimeSpan.FromMinutes(3));
        await Store.SweepAsync(default);

        await using var db = _hub.Db();
        var interval = await db.Presence.SingleAsync(p => p.Subject == "room:201");
        Assert.Equal(start + 15_000, interval.EndedAtMs);
    }

    [Fact]
    public async Task A_reconnect_to_a_new_node_soon_after_a_crash_is_the_same_interval()
    {
        await Store.ConnectAsync(TestLessons.A, "teacher:10", "teacher", null, 1, default);
        _time.Advance(TimeSpan.FromSeconds(30));
        await Store.HeartbeatAsync(TestLessons.A, "teacher:10", "teacher", null, 1, default);
        _time.Advance(TimeSpan.FromSeconds(30)); // crash; the client reconnects elsewhere
        await Store.ConnectAsync(TestLessons.A, "teacher:10", "teacher", null, 1, default);

        await using var db = _hub.Db();
        var interval = await db.Presence.SingleAsync(p => p.Subject == "teacher:10");
        Assert.Equal((1, 1), (interval.Drops, interval.Connections));
    }

    [Fact]
    public async Task A_heartbeat_after_the_interval_was_closed_starts_a_new_one()
    {
        await Store.ConnectAsync(TestLessons.A, "room:102", "classroom", 102, 2, default);
        _time.Advance(TimeSpan.FromMinutes(3)); // silent: the sweeper closes it at its last sign of life
        await Store.SweepAsync(default);
        await Store.HeartbeatAsync(TestLessons.A, "room:102", "classroom", 102, 2, default);

        await using var db = _hub.Db();
        var intervals = await db.Presence.Where(p => p.Subject == "room:102").OrderBy(p => p.StartedAtMs).ToListAsync();
        Assert.Equal(2, intervals.Count);
        Assert.NotNull(intervals[0].EndedAtMs);
        Assert.Null(intervals[1].EndedAtMs);
    }
}
