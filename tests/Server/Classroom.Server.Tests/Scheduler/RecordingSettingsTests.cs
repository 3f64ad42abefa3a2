using System.Net;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Classroom.Contracts.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// The scheduler's side of recording (issue 11): a lesson records unless turned off, rooms on
/// stage only with their school's consent, retention per alliance, and a studio's stream key for
/// its hardware recording host — rotated by an admin, shown once, the old key refused at once.
/// </summary>
public sealed class RecordingSettingsTests : IDisposable
{
    private readonly SchedulerHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private IRecordingPolicy Policy => _host.Services.GetRequiredService<IRecordingPolicy>();

    private IStudioIngestDirectory Directory => _host.Services.GetRequiredService<IStudioIngestDirectory>();

    [Fact]
    public async Task A_lesson_records_unless_turned_off_and_stage_rooms_only_with_their_schools_consent()
    {
        var admin = _host.Admin();
        var week = await admin.CurrentWeekAsync();
        // Demo: lead lesson 1 is Monday 第3节 music in studio 1; this Monday is 2026-11-23.
        const string lessonId = "L1-20261123";
        var rooms = week["pairings"]!.AsArray().Where(p => (string?)p!["lessonId"] == lessonId).Select(p => (long)p!["classroomId"]!).ToList();
        Assert.NotEmpty(rooms);

        var decision = await Policy.DecideAsync(lessonId, CancellationToken.None);
        Assert.True(decision.Record);
        Assert.Empty(decision.StageConsentClassrooms);

        var lesson = (await (await admin.GetAsync("/api/alliances/1/lead-lessons")).ReadAsync(HttpStatusCode.OK)).AsArray().First(l => l!.Id() == 1)!;
        Assert.True((bool)lesson["recordingEnabled"]!);
        var off = lesson.DeepClone();
        off["recordingEnabled"] = false;
        Assert.False((bool)(await (await admin.PutJsonAsync("/api/lead-lessons/1", off)).ReadAsync(HttpStatusCode.OK))["recordingEnabled"]!);
        // A PUT without the field keeps what is stored.
        off.AsObject().Remove("recordingEnabled");
        Assert.False((bool)(await (await admin.PutJsonAsync("/api/lead-lessons/1", off)).ReadAsync(HttpStatusCode.OK))["recordingEnabled"]!);
        Assert.False((await Policy.DecideAsync(lessonId, CancellationToken.None)).Record);
        Assert.True((await Policy.DecideAsync("L2-20261125", CancellationToken.None)).Record);
        Assert.False((await Policy.DecideAsync("L999-20261123", CancellationToken.None)).Record);

        // One school of the paired rooms consents: exactly its rooms may be recorded on stage.
        var roomSchool = _host.Scoped(sp => sp.GetRequiredService<Classroom.Scheduler.Data.SchedulerDbContext>().Classrooms.First(c => c.Id == rooms[0]).SchoolId);
        var school = await (await admin.GetAsync($"/api/schools/{roomSchool}")).ReadAsync(HttpStatusCode.OK);
        Assert.False((bool)school["stageRecordingConsent"]!);
        school["stageRecordingConsent"] = true;
        Assert.True((bool)(await (await admin.PutJsonAsync($"/api/schools/{roomSchool}", school)).ReadAsync(HttpStatusCode.OK))["stageRecordingConsent"]!);
        var consenting = _host.Scoped(sp => sp.GetRequiredService<Classroom.Scheduler.Data.SchedulerDbContext>().Classrooms
            .Where(c => c.SchoolId == roomSchool).Select(c => c.Id).ToList()).Intersect(rooms).Order().ToList();
        Assert.Equal(consenting, (await Policy.DecideAsync(lessonId, CancellationToken.None)).StageConsentClassrooms.Order());
    }

    [Fact]
    public async Task The_timetable_import_turns_recording_off_per_lesson_and_an_empty_cell_keeps_it()
    {
        var admin = _host.Admin();
        static StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");
        const string header = "学校代码,星期,节次,学科,年级,教师,录播室,录制\n";
        var off = await (await admin.PostAsync("/api/alliances/1/import/timetable", Csv(header + "CG1,周一,第3节,音乐,3,王芳,录播室一,否\n"))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)off["updated"]!);
        Assert.False((await Policy.DecideAsync("L1-20261123", CancellationToken.None)).Record);
        var kept = await (await admin.PostAsync("/api/alliances/1/import/timetable", Csv(header + "CG1,周一,第3节,音乐,3,王芳,录播室一,\n"))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)kept["unchanged"]!);
        Assert.False((await Policy.DecideAsync("L1-20261123", CancellationToken.None)).Record);
        var bad = await (await admin.PostAsync("/api/alliances/1/import/timetable?lang=en", Csv(header + "CG1,周一,第3节,音乐,3,王芳,录播室一,maybe\n"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(bad["issues"]!.AsArray(), i => (string?)i!["column"] == "recording" && (string?)i["code"] == "not_yes_no");
        Assert.False((await Policy.DecideAsync("L1-20261123", CancellationToken.None)).Record);
        await (await admin.PostAsync("/api/alliances/1/import/timetable", Csv(header + "CG1,周一,第3节,音乐,3,王芳,录播室一,是\n"))).ReadAsync(HttpStatusCode.OK);
        Assert.True((await Policy.DecideAsync("L1-20261123", CancellationToken.None)).Record);
    }

    [Fact]
    public async Task Retention_is_the_alliances_own_setting_or_the_servers_default()
    {
        var admin = _host.Admin();
        Assert.Equal(365, await Policy.RetentionDaysAsync(1, CancellationToken.None));
        Assert.Null(await Policy.RetentionDaysAsync(999, CancellationToken.None));
        var set = await (await admin.PutJsonAsync("/api/alliances/1/settings", new { recordingRetentionDays = 90 })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(90, (int)set["effective"]!["recordingRetentionDays"]!);
        Assert.Equal(365, (int)set["serverDefaults"]!["recordingRetentionDays"]!);
        Assert.Equal(90, await Policy.RetentionDaysAsync(1, CancellationToken.None));
        var bad = await (await admin.PutJsonAsync("/api/alliances/1/settings", new { recordingRetentionDays = 0 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["recordingRetentionDays"], bad["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(90, await Policy.RetentionDaysAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task A_rotated_stream_key_finds_its_studio_once_and_the_old_key_is_refused()
    {
        var admin = _host.Admin();
        var before = await (await admin.GetAsync("/api/studios/1/ingest")).ReadAsync(HttpStatusCode.OK);
        Assert.False((bool)before["hasStreamKey"]!);
        Assert.False((bool)before["status"]!["listening"]!); // the relay role does not run in this host

        var first = await (await admin.PostAsync("/api/studios/1/stream-key", null)).ReadAsync(HttpStatusCode.OK);
        var key = (string)first["streamKey"]!;
        Assert.Equal(32, key.Length);
        Assert.Equal(1, (await Directory.FindByStreamKeyAsync(key, CancellationToken.None))?.StudioId);
        var second = await (await admin.PostAsync("/api/studios/1/stream-key", null)).ReadAsync(HttpStatusCode.OK);
        var rotated = (string)second["streamKey"]!;
        Assert.NotEqual(key, rotated);
        Assert.Null(await Directory.FindByStreamKeyAsync(key, CancellationToken.None));
        Assert.Equal(1, (await Directory.FindByStreamKeyAsync(rotated, CancellationToken.None))?.StudioId);
        Assert.Null(await Directory.FindByStreamKeyAsync("", CancellationToken.None));

        // The status never shows the key again, only that one is set and when it was made.
        var after = await (await admin.GetAsync("/api/studios/1/ingest")).ReadAsync(HttpStatusCode.OK);
        Assert.True((bool)after["hasStreamKey"]!);
        Assert.DoesNotContain(rotated, after.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(_host.Clock.GetUtcNow(), (DateTimeOffset)after["streamKeyRotatedAt"]!);

        var missing = await (await admin.GetAsync("/api/studios/999/ingest?lang=en")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("not_found", (string?)missing["code"]);
        Assert.Equal("Studio 999 does not exist.", (string?)missing["detail"]);
        var missingZh = await (await admin.PostAsync("/api/studios/999/stream-key", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("不存在", (string?)missingZh["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_of_the_studios_school_rotates_its_key()
    {
        var other = _host.WithToken(_host.AccessToken("other-school-admin", new Grant(AccountRole.SchoolAdmin, AllianceId: 1, SchoolId: 2)));
        await (await other.PostAsync("/api/studios/1/stream-key", null)).ProblemAsync(HttpStatusCode.Forbidden);
        var teacher = _host.WithToken(_host.AccessToken("a-teacher", new Grant(AccountRole.Teacher, AllianceId: 1, SchoolId: 1, TeacherId: 1)));
        await (await teacher.PostAsync("/api/studios/1/stream-key", null)).ProblemAsync(HttpStatusCode.Forbidden);
        var own = _host.WithToken(_host.AccessToken("lead-school-admin", new Grant(AccountRole.SchoolAdmin, AllianceId: 1, SchoolId: 1)));
        await (await own.PostAsync("/api/studios/1/stream-key", null)).ReadAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_studio_holds_its_lesson_from_ten_minutes_before_the_bell_to_its_end()
    {
        // Monday 第3节 is 10:00–10:40 in Shanghai (02:00–02:40 UTC), lead lesson 1 in studio 1.
        var monday = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        _ = _host.Admin();
        Assert.Null(await Directory.CurrentLessonAsync(1, monday.AddMinutes(-11), CancellationToken.None));
        Assert.Equal("L1-20261123", await Directory.CurrentLessonAsync(1, monday.AddMinutes(-9), CancellationToken.None));
        Assert.Equal("L1-20261123", await Directory.CurrentLessonAsync(1, monday.AddMinutes(40), CancellationToken.None));
        Assert.Null(await Directory.CurrentLessonAsync(1, monday.AddMinutes(41), CancellationToken.None));
        Assert.Null(await Directory.CurrentLessonAsync(2, monday.AddMinutes(10), CancellationToken.None)); // studio 2 has no Monday 第3节
    }
}
