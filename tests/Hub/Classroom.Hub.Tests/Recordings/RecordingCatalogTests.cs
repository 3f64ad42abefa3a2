using Classroom.Contracts.Access;
using Classroom.Contracts.Recordings;
using Classroom.Hub.Recordings;
using Classroom.Hub.Store.Records;
using Classroom.Hub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Tests.Recordings;

/// <summary>The catalog as the relay's recorder drives it (in-process, real SQLite file, the hub's file lesson directory).</summary>
public sealed class RecordingCatalogTests : IAsyncLifetime
{
    private InProcessHub _hub = null!;

    public async Task InitializeAsync() => _hub = await InProcessHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static RecordingFinished Finished(string id, int discontinuities = 0, bool recovered = false) =>
        new(id, TestLessons.A, new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 1, 45, 0, TimeSpan.Zero), TimeSpan.FromMinutes(45),
            [new RecordingRendition("camera", "camera.m3u8", "avc1.64001f,mp4a.40.2", 1280, 720, 2_000_000)], "poster.jpg", discontinuities, recovered);

    [Fact]
    public async Task A_finish_for_an_unknown_recording_creates_it_with_the_rooms_paired_at_that_time()
    {
        await _hub.Service<IRecordingCatalog>().RecordingFinishedAsync(Finished("rec-a", 2, recovered: true), default);

        await using var db = _hub.Db();
        var row = await db.Recordings.SingleAsync();
        Assert.Equal((RecordingStates.Finished, 45 * 60_000L, 2, true), (row.State, row.DurationMs, row.Discontinuities, row.Recovered));
        Assert.Equal((true, 1L, 1L, 10L), (row.RosterKnown, row.AllianceId!.Value, row.LeadSchoolId!.Value, row.TeacherId!.Value));
        Assert.Equal(new long[] { 101, 102, 201 }, await db.RecordingRooms.OrderBy(r => r.ClassroomId).Select(r => r.ClassroomId).ToArrayAsync());
    }

    [Fact]
    public async Task The_low_rendition_reported_after_the_lesson_keeps_its_playlist_state_and_facts_across_a_repeated_finish()
    {
        var catalog = _hub.Service<IRecordingCatalog>();
        await catalog.RecordingFinishedAsync(Finished("rec-low"), default);
        var low = new RecordingRendition("low", "camera-low.m3u8", null, null, null, null);
        await catalog.RenditionStateAsync(new RecordingRenditionState("rec-low", "low", RenditionStates.Pending, null) { Description = low }, default);
        await catalog.RenditionStateAsync(new RecordingRenditionState("rec-low", "low", RenditionStates.Encoding, null) { Description = low }, default);
        await catalog.RenditionStateAsync(new RecordingRenditionState("rec-low", "low", RenditionStates.Ready, null)
        {
            Description = low with { Codecs = "avc1.4d401e,mp4a.40.2", Width = 640, Height = 360, Bandwidth = 420_000 },
        }, default);
        await catalog.RecordingFinishedAsync(Finished("rec-low"), default); // a repeated finish does not drop what came after the lesson

        await using var db = _hub.Db();
        var renditions = RecordingCatalog.Renditions(await db.Recordings.SingleAsync(r => r.Id == "rec-low"));
        var stored = Assert.Single(renditions, r => r.Name == "low");
        Assert.Equal(new StoredRendition("low", "camera-low.m3u8", "avc1.4d401e,mp4a.40.2", 640, 360, 420_000, RenditionStates.Ready, null), stored);
        Assert.Contains(renditions, r => r.Name == "camera");
    }

    [Fact]
    public async Task A_failed_low_rendition_keeps_its_reason()
    {
        var catalog = _hub.Service<IRecordingCatalog>();
        await catalog.RecordingFinishedAsync(Finished("rec-lowf"), default);
        await catalog.RenditionStateAsync(new RecordingRenditionState("rec-lowf", "low", RenditionStates.Failed, "ffmpeg exited (1): no space")
        {
            Description = new RecordingRendition("low", "camera-low.m3u8", null, null, null, null),
        }, default);
        await using var db = _hub.Db();
        var stored = Assert.Single(RecordingCatalog.Renditions(await db.Recordings.SingleAsync(r => r.Id == "rec-lowf")), r => r.Name == "low");
        Assert.Equal((RenditionStates.Failed, "ffmpeg exited (1): no space", "camera-low.m3u8"), (stored.State, stored.Error, stored.Playlist));
    }

    [Fact]
    public async Task Repeated_calls_change_nothing_and_a_deleted_recording_is_not_revived_by_a_late_call()
    {
        var catalog = _hub.Service<IRecordingCatalog>();
        var started = new RecordingStarted("rec-b", TestLessons.A, DateTimeOffset.UnixEpoch.AddDays(20_000), "ignored");
        await catalog.RecordingStartedAsync(started, default);
        await catalog.RecordingStartedAsync(started, default);
        await catalog.RecordingFinishedAsync(Finished("rec-b"), default);
        await catalog.RecordingFinishedAsync(Finished("rec-b"), default);
        await catalog.RenditionStateAsync(new RecordingRenditionState("rec-b", "low", RenditionStates.Pending, null), default);
        await using (var db = _hub.Db())
        {
            Assert.Equal(1, await db.Recordings.CountAsync());
            Assert.Equal(3, await db.RecordingRooms.CountAsync());
            var renditions = RecordingCatalog.Renditions(await db.Recordings.SingleAsync());
            Assert.Equal([("camera", RenditionStates.Ready), ("low", RenditionStates.Pending)], renditions.Select(r => (r.Name, r.State)).ToArray());
        }

        Assert.True(await _hub.Service<RecordingDeleter>().DeleteAsync("rec-b", default));
        await catalog.RecordingFinishedAsync(Finished("rec-b"), default);
        await using var after = _hub.Db();
        Assert.Equal(RecordingStates.Deleted, (await after.Recordings.SingleAsync()).State);
        Assert.Equal(0, await after.RecordingRooms.CountAsync());
    }

    [Fact]
    public async Task The_recordings_scope_is_its_lesson_with_the_paired_classes_as_audience_and_an_unknown_id_is_not_found()
    {
        await _hub.Service<IRecordingCatalog>().RecordingFinishedAsync(Finished("rec-c"), default);
        var resolver = _hub.Service<IEnumerable<IResourceScopeResolver>>().Single(r => r.Kinds.Contains(ResourceKind.Recording));
        var scope = await resolver.ResolveAsync(ResourceKind.Recording, "rec-c", default);
        Assert.Equal((1L, 1L, 10L), (scope!.AllianceId!.Value, scope.SchoolId!.Value, scope.TeacherId!.Value));
        Assert.Equal([(2L, 101L), (2L, 102L), (3L, 201L)], scope.Audience.Select(a => (a.SchoolId!.Value, a.ClassroomId!.Value)).Order().ToArray());
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.Student, 1, 3, 201)], Permission.Watch, scope));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Student, 1, 4, 301)], Permission.Watch, scope));
        Assert.Null(await resolver.ResolveAsync(ResourceKind.Recording, "rec-unknown", default));
        Assert.Null(await resolver.ResolveAsync(ResourceKind.Recording, "../etc", default));
    }

    [Fact]
    public async Task Erasing_a_student_deletes_their_replay_views_and_questions_in_their_school_only()
    {
        await _hub.Service<IRecordingCatalog>().RecordingFinishedAsync(Finished("rec-d"), default);
        var recording = (await _hub.Service<RecordingQueries>().FindAsync("rec-d", default))!;
        var store = _hub.Service<ReplayStore>();
        await store.SaveProgressAsync(recording, "person:7", 101, "张小明", 1_000, 60_000, default);
        await store.SaveProgressAsync(recording, "person:8", 201, "张小明", 1_000, 60_000, default);
        var room = new RecordingRoomRecord { RecordingId = "rec-d", ClassroomId = 101, SchoolId = 2 };
        await store.AskAsync(recording, room, "person:7", Guid.NewGuid(), "为什么？", 500, default);

        using var scope = _hub.App.Services.CreateScope();
        var erased = await scope.ServiceProvider.GetRequiredService<PersonalDataErasure>().EraseStudentAsync(2, "2026001", "张小明", default);

        Assert.Equal(2, erased["hub.replay"]);
        await using var db = _hub.Db();
        Assert.Equal(new[] { "person:8" }, await db.RecordingViews.Select(v => v.Subject).ToArrayAsync());
        Assert.Equal(0, await db.ReplayQuestions.CountAsync());
    }
}
