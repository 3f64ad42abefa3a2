using System.Globalization;
using System.Net;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Recordings;

/// <summary>
/// What a recording list tells the admin console (docs/admin-reports.md "Recordings"): how many
/// people opened the replay, when the retention job will delete it (the alliance's retention from
/// its end), and whether the caller may delete it — an admin may, the lesson's teacher and a
/// student of a paired class may watch but not delete.
/// </summary>
public sealed class RecordingListTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_listed_recording_carries_its_viewers_its_expiry_by_the_alliances_retention_and_whether_the_caller_may_delete_it()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        var admin = _host.Admin();
        await (await admin.PutJsonAsync($"/api/alliances/{world.Lesson.AllianceId}/settings", new { recordingRetentionDays = 30 })).ReadAsync(HttpStatusCode.OK);
        var started = _host.Clock.GetUtcNow().AddHours(-1);
        await world.RecordAsync(_host, "rec-list-1", started);
        await using (var db = await _host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            foreach (var viewer in new[] { "person:801", "person:802", "person:803" })
                db.RecordingViews.Add(new RecordingViewRecord { RecordingId = "rec-list-1", Subject = viewer, LessonId = world.Lesson.LessonId, WatchedMs = 1_000, UpdatedAtMs = 1 });
            await db.SaveChangesAsync();
        }

        var listed = (await (await admin.GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray().Single(r => (string?)r!["id"] == "rec-list-1")!;
        Assert.Equal(3, (int)listed["views"]!);
        Assert.Equal(world.Lesson.AllianceId, (long)listed["allianceId"]!);
        var ended = DateTimeOffset.Parse((string)listed["endedAt"]!, CultureInfo.InvariantCulture);
        Assert.Equal(ended.AddDays(30), DateTimeOffset.Parse((string)listed["expiresAt"]!, CultureInfo.InvariantCulture));
        Assert.True((bool)listed["canDelete"]!);

        var ofLesson = (await (await admin.GetAsync($"/api/lessons/{world.Lesson.LessonId}/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray().Single(r => (string?)r!["id"] == "rec-list-1")!;
        Assert.Equal(3, (int)ofLesson["views"]!);

        foreach (var token in new[] { world.Teacher, world.Student })
        {
            var theirs = (await (await _host.WithToken(token).GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray().Single(r => (string?)r!["id"] == "rec-list-1")!;
            Assert.False((bool)theirs["canDelete"]!);
            Assert.Equal(HttpStatusCode.Forbidden, (await _host.WithToken(token).DeleteAsync("/api/recordings/rec-list-1")).StatusCode);
        }
    }
}
