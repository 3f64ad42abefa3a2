using System.Net;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// Planned vs delivered (课时计划的监控与落实): the solved week's pairings against the hub's
/// presence and check-ins, on the real server with the scheduler and hub roles on real SQLite
/// files. The clock stands on Saturday 2026-11-28, so Monday–Friday are past and the 调休 Sunday is
/// still to come.
/// </summary>
public sealed class PlannedDeliveredTests : IDisposable
{
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 4, 0, 0, TimeSpan.Zero);
    private readonly SchedulerHost _host = new(seedDemo: false, now: Saturday, roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task Each_planned_room_shows_whether_its_lesson_was_delivered_and_a_school_its_rate()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var week = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        var pairings = week["pairings"]!.AsArray().Select(p => p!).ToList();

        // Monday's art lesson: the teacher taught it; one room stayed 35 of its 40 minutes and
        // counted 28 heads, the other dropped out after 5. Thursday's first music lesson was taught
        // to no room. Everything else of Monday–Friday was not held; Sunday (调休) is upcoming.
        var monday = pairings.First(p => (string)p["date"]! == "2026-11-23");
        var mondayLesson = (string)monday["lessonId"]!;
        var mondayRooms = pairings.Where(p => (string)p["lessonId"]! == mondayLesson).Select(p => (long)p["classroomId"]!).Order().ToList();
        var thursday = pairings.First(p => (string)p["date"]! == "2026-11-26");
        var thursdayLesson = (string)thursday["lessonId"]!;
        var start = DateTimeOffset.Parse((string)monday["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var thursdayStart = DateTimeOffset.Parse((string)thursday["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        await _host.Scoped(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
            db.Presence.Add(Interval(mondayLesson, "teacher", null, start, start + 40 * 60_000));
            db.Presence.Add(Interval(mondayLesson, "classroom", mondayRooms[0], start, start + 35 * 60_000));
            if (mondayRooms.Count > 1) db.Presence.Add(Interval(mondayLesson, "classroom", mondayRooms[1], start, start + 5 * 60_000));
            db.CheckIns.Add(new CheckInRecord { Id = Guid.NewGuid(), LessonId = mondayLesson, ClassroomId = mondayRooms[0], Present = 28, Expected = 30, ReceivedAtMs = start + 60_000, Author = "kiosk" });
            db.Presence.Add(Interval(thursdayLesson, "teacher", null, thursdayStart, thursdayStart + 40 * 60_000));
            await db.SaveChangesAsync();
            return 0;
        });

        var report = await (await admin.GetAsync($"/api/alliances/{id}/reports/planned-delivered?from={SolveAlliance.MakeUpWeekFrom}&to={SolveAlliance.MakeUpWeekTo}")).ReadAsync(HttpStatusCode.OK);
        Assert.True((bool)report["deliveriesKnown"]!);
        var rows = report["rows"]!.AsArray().Select(r => r!).ToList();
        Assert.Equal(pairings.Count, rows.Count);
        string Status(string lesson, long room) => (string)rows.Single(r => (string)r["lessonId"]! == lesson && (long)r["classroomId"]! == room)["status"]!;

        Assert.Equal("delivered", Status(mondayLesson, mondayRooms[0]));
        var delivered = rows.Single(r => (string)r["lessonId"]! == mondayLesson && (long)r["classroomId"]! == mondayRooms[0]);
        Assert.Equal(35.0, (double)delivered["minutesConnected"]!);
        Assert.Equal(28, (int)delivered["headcount"]!);
        if (mondayRooms.Count > 1) Assert.Equal("partial", Status(mondayLesson, mondayRooms[1]));
        Assert.All(rows.Where(r => (string)r["lessonId"]! == thursdayLesson), r => Assert.Equal("missed", (string)r["status"]!));
        Assert.All(rows.Where(r => (string)r["date"]! == "2026-11-29"), r => Assert.Equal("upcoming", (string)r["status"]!));
        Assert.All(rows.Where(r => (string)r["date"]! != "2026-11-29" && (string)r["lessonId"]! != mondayLesson && (string)r["lessonId"]! != thursdayLesson),
            r => Assert.Equal("not_held", (string)r["status"]!));

        // A school's rate counts only lessons already due: delivered / (planned − upcoming).
        var school = report["schools"]!.AsArray().Single(s => (long)s!["schoolId"]! == (long)delivered["schoolId"]!)!;
        var due = rows.Count(r => (long)r["schoolId"]! == (long)delivered["schoolId"]! && (string)r["status"]! != "upcoming");
        Assert.Equal(Math.Round(1.0 / due, 3), (double)school["deliveredRate"]!);

        // The county view holds the same rows; the export is in both languages and audited.
        var county = await (await admin.GetAsync($"/api/reports/planned-delivered?from={SolveAlliance.MakeUpWeekFrom}&to={SolveAlliance.MakeUpWeekTo}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(rows.Count, county["rows"]!.AsArray().Count);
        var csv = await admin.GetStringAsync($"/api/alliances/{id}/reports/planned-delivered?from={SolveAlliance.MakeUpWeekFrom}&to={SolveAlliance.MakeUpWeekTo}&format=csv");
        Assert.Contains("已落实 delivered", csv, StringComparison.Ordinal);
        Assert.Contains("未开课 not held", csv, StringComparison.Ordinal);
        var audit = await (await admin.GetAsync("/api/audit?action=planned-delivered.export")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("planned-delivered.export", audit.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_range_is_refused_in_the_callers_language_and_other_alliances_are_not_readable()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var zh = await (await admin.GetAsync($"/api/alliances/{id}/reports/planned-delivered?from=2026-11-29&to=2026-11-23")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("结束日期早于开始日期", zh.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        var en = await (await admin.GetAsync($"/api/alliances/{id}/reports/planned-delivered?from=2026-01-01&to=2026-12-31&lang=en")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at most 184 days", en.ToJsonString(), StringComparison.Ordinal);

        var other = _host.WithToken(_host.AccessToken("other-alliance-admin", new Grant(AccountRole.AllianceAdmin, AllianceId: id + 100)));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/alliances/{id}/reports/planned-delivered")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/reports/planned-delivered")).StatusCode);
    }

    private static PresenceInterval Interval(string lesson, string role, long? classroom, long from, long to) => new()
    {
        Id = Guid.NewGuid(), LessonId = lesson, Subject = role + (classroom ?? 0), Role = role, ClassroomId = classroom,
        StartedAtMs = from, LastSeenAtMs = to, DisconnectedAtMs = to, EndedAtMs = to, Connections = 1,
    };
}
