using System.Net;
using Classroom.Contracts.Recordings;
using Classroom.Hub.Recordings;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Recordings;

/// <summary>The recordings' deletion job through the real server: default retention, and the alliance's own period when the scheduler gives one.</summary>
public sealed class RecordingRetentionTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task Retention_deletes_a_recording_older_than_the_alliances_period_with_its_folder()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        var old = await world.RecordAsync(_host, "rec-old-1", _host.Clock.GetUtcNow().AddDays(-400));
        var recent = await world.RecordAsync(_host, "rec-recent-1", _host.Clock.GetUtcNow().AddDays(-10));

        var deleted = await _host.Services.GetRequiredService<RecordingRetentionJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(["rec-old-1"], deleted);
        Assert.False(Directory.Exists(old));
        Assert.True(File.Exists(Path.Combine(recent, "camera.m3u8")));
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        Assert.Equal(RecordingStates.Deleted, (await db.Recordings.SingleAsync(r => r.Id == "rec-old-1")).State);
        Assert.Empty(await db.RecordingRooms.Where(r => r.RecordingId == "rec-old-1").ToListAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin().GetAsync("/api/recordings/rec-old-1")).StatusCode);
    }

    [Fact]
    public async Task Retention_follows_the_period_the_alliances_policy_gives()
    {
        _host.TestServices = s => s.AddSingleton<IRecordingPolicy>(new ThirtyDays());
        var world = await RecordingWorld.BuildAsync(_host);
        var old = await world.RecordAsync(_host, "rec-40-days", _host.Clock.GetUtcNow().AddDays(-40));
        var recent = await world.RecordAsync(_host, "rec-20-days", _host.Clock.GetUtcNow().AddDays(-20));

        Assert.Equal(["rec-40-days"], await _host.Services.GetRequiredService<RecordingRetentionJob>().RunOnceAsync(CancellationToken.None));
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(recent));
        var audit = (await (await _host.Admin().GetAsync("/api/audit?action=recording.delete")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(audit, r => (string?)r!["target"] == "rec-40-days:retention 30 days");
    }

    /// <summary>An alliance that keeps its recordings 30 days (the scheduler's policy is built beside this catalog).</summary>
    private sealed class ThirtyDays : IRecordingPolicy
    {
        public Task<RecordingDecision> DecideAsync(string lessonId, CancellationToken cancellationToken) => Task.FromResult(RecordingDecision.Default);

        public Task<int?> RetentionDaysAsync(long allianceId, CancellationToken cancellationToken) => Task.FromResult<int?>(allianceId == 1 ? 30 : null);
    }
}
