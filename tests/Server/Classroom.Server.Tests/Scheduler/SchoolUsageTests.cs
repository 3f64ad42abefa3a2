using System.Net;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// Usage per school (docs/admin-reports.md): the solved week's plan against what the test writes
/// into the hub's store (a lesson taught with two rooms joining, a question, raised hands, replay
/// views) and the identity store (enrolled devices), on the real server with the scheduler and
/// hub roles. The clock stands on Saturday 2026-11-28.
/// </summary>
public sealed class SchoolUsageTests : IDisposable
{
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 4, 0, 0, TimeSpan.Zero);
    private readonly SchedulerHost _host = new(seedDemo: false, now: Saturday, roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task Each_school_shows_what_its_studios_taught_its_rooms_joined_its_students_replayed_and_its_devices()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var week = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        var pairings = week["pairings"]!.AsArray().Select(p => p!).ToList();
        var monday = pairings.First(p => (string)p["date"]! == "2026-11-23" && pairings.Count(q => (string)q["lessonId"]! == (string)p["lessonId"]!) > 1);
        var lesson = (string)monday["lessonId"]!;
        var rooms = pairings.Where(p => (string)p["lessonId"]! == lesson).Select(p => (Room: (long)p["classroomId"]!, School: (long)p["schoolId"]!)).OrderBy(r => r.Room).ToList();
        var (roomA, roomB) = (rooms[0], rooms[1]);
        var leadSchool = _host.Scoped(sp => sp.GetRequiredService<Classroom.Scheduler.Data.SchedulerDbContext>().LeadLessons
            .Where(l => l.Id == (long)monday["leadLessonId"]!).Select(l => l.SchoolId).First());
        var start = DateTimeOffset.Parse((string)monday["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

        // The teacher taught 40 minutes; room A stayed 35 minutes (two intervals 20 + 15) counting 28
        // heads, then 26; room B 5 minutes counting 20. Room A asked a question, room B raised its
        // hand twice. Two students of room B watched the replay (12 and 6.5 minutes), a teacher too
        // (not a student: not counted).
        await _host.Scoped(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
            db.Presence.Add(Interval(lesson, "teacher", null, start, start + 40 * 60_000));
            db.Presence.Add(Interval(lesson, "classroom", roomA.Room, start, start + 20 * 60_000));
            db.Presence.Add(Interval(lesson, "classroom", roomA.Room, start + 25 * 60_000, start + 40 * 60_000));
            db.Presence.Add(Interval(lesson, "classroom", roomB.Room, start, start + 5 * 60_000));
            db.CheckIns.Add(CheckIn(lesson, roomA.Room, 28, start + 60_000));
            db.CheckIns.Add(CheckIn(lesson, roomA.Room, 26, start + 30 * 60_000));
            db.CheckIns.Add(CheckIn(lesson, roomB.Room, 20, start + 60_000));
            db.Questions.Add(new QuestionRecord { Id = Guid.NewGuid(), LessonId = lesson, ClassroomId = roomA.Room, SchoolId = roomA.School, Text = "为什么？", ReceivedAtMs = start + 120_000, Author = "kiosk" });
            db.Hands.Add(new HandRecord { Id = Guid.NewGuid(), LessonId = lesson, ClassroomId = roomB.Room, SchoolId = roomB.School, ReceivedAtMs = start + 180_000, Author = "kiosk" });
            db.Hands.Add(new HandRecord { Id = Guid.NewGuid(), LessonId = lesson, ClassroomId = roomB.Room, SchoolId = roomB.School, ReceivedAtMs = start + 240_000, Author = "kiosk" });
            db.RecordingViews.Add(View(lesson, "person:1", roomB.Room, "学生甲", 12 * 60_000));
            db.RecordingViews.Add(View(lesson, "person:2", roomB.Room, "学生乙", 390_000));
            db.RecordingViews.Add(View(lesson, "person:3", null, "", 30 * 60_000));
            await db.SaveChangesAsync();
            return 0;
        });

        // Room A's school has two devices: one seen on Friday (in the range), one last seen before it.
        _host.DeviceCredential(roomA.Room);
        _host.DeviceCredential(roomA.Room);
        await _host.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<AccountDbContext>();
            var devices = await db.Devices.Where(d => d.SchoolId == roomA.School).OrderBy(d => d.Id).ToListAsync();
            devices[0].LastSeenUtcTicks = new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero).UtcTicks;
            devices[1].LastSeenUtcTicks = new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero).UtcTicks;
            await db.SaveChangesAsync();
            return 0;
        });

        var url = $"/api/alliances/{id}/reports/usage?from={SolveAlliance.MakeUpWeekFrom}&to={SolveAlliance.MakeUpWeekTo}";
        var report = await (await admin.GetAsync(url)).ReadAsync(HttpStatusCode.OK);
        Assert.True((bool)report["usageKnown"]!);
        Assert.True((bool)report["devicesKnown"]!);
        var schools = report["schools"]!.AsArray().Select(s => s!).ToList();
        JsonNode School(long schoolId) => schools.Single(s => (long)s["schoolId"]! == schoolId);

        var lead = School(leadSchool);
        Assert.Equal(1, (int)lead["lessonsTaught"]!);
        Assert.Equal(40.0, (double)lead["teachingMinutes"]!);
        var leadSchools = _host.Scoped(sp => sp.GetRequiredService<Classroom.Scheduler.Data.SchedulerDbContext>().LeadLessons.ToDictionary(l => l.Id, l => l.SchoolId));
        Assert.Equal(pairings.Where(p => leadSchools[(long)p["leadLessonId"]!] == leadSchool).Select(p => (string)p["lessonId"]!).Distinct().Count(),
            (int)lead["lessonsPlanned"]!);

        if (roomA.School == roomB.School)
        {
            var both = School(roomA.School);
            Assert.Equal(2, (int)both["roomLessonsJoined"]!);
            Assert.Equal(40.0, (double)both["minutesConnected"]!);
            Assert.Equal(23.0, (double)both["averageHeadcount"]!);
        }
        else
        {
            var a = School(roomA.School);
            Assert.Equal(1, (int)a["roomLessonsJoined"]!);
            Assert.Equal(35.0, (double)a["minutesConnected"]!);
            Assert.Equal(26.0, (double)a["averageHeadcount"]!);
            Assert.Equal(1, (int)a["questions"]!);
            Assert.Equal(0, (int)a["handsRaised"]!);
            var b = School(roomB.School);
            Assert.Equal(1, (int)b["roomLessonsJoined"]!);
            Assert.Equal(5.0, (double)b["minutesConnected"]!);
            Assert.Equal(2, (int)b["handsRaised"]!);
            Assert.Equal(2, (int)b["replayViews"]!);
            Assert.Equal(18.5, (double)b["replayMinutes"]!);
        }

        var withDevices = School(roomA.School);
        Assert.Equal(2, (int)withDevices["devicesEnrolled"]!);
        Assert.Equal(1, (int)withDevices["devicesSeen"]!);
        Assert.Equal(pairings.Count(p => (long)p["schoolId"]! == roomA.School), (int)withDevices["roomLessonsPlanned"]!);

        var totals = report["totals"]!;
        Assert.Equal(schools.Count, (int)totals["schools"]!);
        Assert.Equal(1, (int)totals["lessonsTaught"]!);
        Assert.Equal(2, (int)totals["roomLessonsJoined"]!);
        Assert.Equal(40.0, (double)totals["minutesConnected"]!);
        Assert.Equal(23.0, (double)totals["averageHeadcount"]!);
        Assert.Equal(1, (int)totals["questions"]!);
        Assert.Equal(2, (int)totals["handsRaised"]!);
        Assert.Equal(2, (int)totals["replayViews"]!);
        Assert.Equal(18.5, (double)totals["replayMinutes"]!);
        Assert.Equal(pairings.Count, (int)totals["roomLessonsPlanned"]!);
        Assert.Equal(2, (int)totals["devicesEnrolled"]!);
        Assert.Equal(1, (int)totals["devicesSeen"]!);

        // The county report holds the same schools; the exports are bilingual with a totals row, and audited.
        var county = await (await admin.GetAsync($"/api/reports/usage?from={SolveAlliance.MakeUpWeekFrom}&to={SolveAlliance.MakeUpWeekTo}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(schools.Count, county["schools"]!.AsArray().Count);
        Assert.Equal(40.0, (double)county["totals"]!["minutesConnected"]!);
        var csv = await admin.GetAsync(url + "&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"usage-alliance-{id}-20261123-20261129.csv", csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("联盟 alliance,学校 school", lines[0], StringComparison.Ordinal);
        Assert.Equal(schools.Count + 2, lines.Length);
        Assert.StartsWith("合计 total,", lines[^1], StringComparison.Ordinal);
        Assert.Contains(",40,", lines[^1], StringComparison.Ordinal);
        var xlsx = await admin.GetAsync(url + "&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));
        var audit = (await (await admin.GetAsync("/api/audit?action=usage.export")).ReadAsync(HttpStatusCode.OK)).ToJsonString();
        Assert.Contains($"alliance:{id}:20261123-20261129.csv", audit, StringComparison.Ordinal);
        var reads = (await (await admin.GetAsync("/api/audit?action=usage.read")).ReadAsync(HttpStatusCode.OK)).ToJsonString();
        Assert.Contains("county:20261123-20261129", reads, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_range_or_format_is_refused_in_the_callers_language_and_other_alliances_are_not_readable()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var json = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var zh = await (await admin.GetAsync($"/api/alliances/{id}/reports/usage?from=2026-11-29&to=2026-11-23")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("结束日期早于开始日期", zh.ToJsonString(json), StringComparison.Ordinal);
        var en = await (await admin.GetAsync("/api/reports/usage?from=2026-01-01&to=2026-12-31&lang=en")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at most 184 days", en.ToJsonString(), StringComparison.Ordinal);
        var format = await (await admin.GetAsync($"/api/alliances/{id}/reports/usage?format=pdf")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("format 只能是", format.ToJsonString(json), StringComparison.Ordinal);
        var missing = await (await admin.GetAsync($"/api/alliances/{id + 999}/reports/usage?lang=en")).ReadAsync(HttpStatusCode.NotFound);
        Assert.Contains($"Alliance {id + 999} does not exist", missing.ToJsonString(), StringComparison.Ordinal);

        var other = _host.WithToken(_host.AccessToken("other-alliance-admin", new Grant(AccountRole.AllianceAdmin, AllianceId: id + 100)));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/alliances/{id}/reports/usage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/reports/usage")).StatusCode);
        var own = _host.WithToken(_host.AccessToken("own-alliance-admin", new Grant(AccountRole.AllianceAdmin, AllianceId: id)));
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/alliances/{id}/reports/usage")).StatusCode);
    }

    private static PresenceInterval Interval(string lesson, string role, long? classroom, long from, long to) => new()
    {
        Id = Guid.NewGuid(), LessonId = lesson, Subject = role + (classroom ?? 0) + "-" + from, Role = role, ClassroomId = classroom,
        StartedAtMs = from, LastSeenAtMs = to, DisconnectedAtMs = to, EndedAtMs = to, Connections = 1,
    };

    private static CheckInRecord CheckIn(string lesson, long classroom, int present, long at) =>
        new() { Id = Guid.NewGuid(), LessonId = lesson, ClassroomId = classroom, Present = present, Expected = 30, ReceivedAtMs = at, Author = "kiosk" };

    private static RecordingViewRecord View(string lesson, string subject, long? classroom, string name, long watchedMs) =>
        new() { RecordingId = "rec-1", Subject = subject, LessonId = lesson, ClassroomId = classroom, StudentName = name, WatchedMs = watchedMs, UpdatedAtMs = 1 };
}
