using System.Net;
using Classroom.Contracts.Access;
using Classroom.Contracts.Lessons;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// "Live today" (docs/admin-console.md): today's pairings against the hub's presence, through the
/// real server with both roles. Presence rows are written as the hub writes them (its own tests
/// prove the hub writes them so); here the question is what the admin is shown.
/// </summary>
public sealed class LiveTodayTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_live_lesson_shows_who_is_connected_and_what_is_wrong_and_only_to_those_who_read_the_alliance()
    {
        var admin = _host.Admin();
        var lesson = await BiggestLessonAsync(admin);
        Assert.True(lesson.Rooms.Count >= 3, "the demo week pairs some lesson with at least three rooms");
        var (online, left, absent) = (lesson.Rooms[0], lesson.Rooms[1], lesson.Rooms[2]);

        // Before the bell: upcoming, every room waiting, no problem.
        _host.Clock.SetUtcNow(lesson.StartsAt.AddMinutes(-10));
        var before = Find(await (await admin.GetAsync($"/api/alliances/{lesson.AllianceId}/live")).ReadAsync(HttpStatusCode.OK), lesson.LessonId);
        Assert.Equal("upcoming", (string?)before["status"]);
        Assert.All(before["rooms"]!.AsArray(), r => Assert.Equal("waiting", (string?)r!["state"]));
        Assert.Empty(before["problems"]!.AsArray());

        // Five minutes in: the teacher and one room are connected (that room reconnected three times), one room left, one never came.
        var now = lesson.StartsAt.AddMinutes(5);
        _host.Clock.SetUtcNow(now);
        var ms = now.ToUnixTimeMilliseconds();
        await using (var db = await _host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            db.Presence.Add(Interval(lesson.LessonId, "teacher-1", "teacher", null, null, ms - 280_000, ms - 5_000, null, 0));
            db.Presence.Add(Interval(lesson.LessonId, "room-a", "classroom", online.ClassroomId, online.SchoolId, ms - 250_000, ms - 3_000, null, 3));
            db.Presence.Add(Interval(lesson.LessonId, "room-b", "classroom", left.ClassroomId, left.SchoolId, ms - 240_000, ms - 120_000, ms - 120_000, 0));
            db.CheckIns.Add(new CheckInRecord { Id = Guid.NewGuid(), LessonId = lesson.LessonId, ClassroomId = online.ClassroomId, SchoolId = online.SchoolId, Present = 27, Expected = 30, ReceivedAtMs = ms - 200_000, Author = "room-a" });
            await db.SaveChangesAsync();
        }

        var report = await (await admin.GetAsync($"/api/alliances/{lesson.AllianceId}/live")).ReadAsync(HttpStatusCode.OK);
        Assert.True((bool)report["presenceKnown"]!);
        Assert.True((int)report["liveLessons"]! >= 1);
        var live = Find(report, lesson.LessonId);
        Assert.Equal("live", (string?)live["status"]);
        Assert.True((bool)live["teacherOnline"]!);
        Assert.Equal(1, (int)live["roomsOnline"]!);
        var rooms = live["rooms"]!.AsArray().ToDictionary(r => (long)r!["classroomId"]!);
        Assert.Equal("online", (string?)rooms[online.ClassroomId]!["state"]);
        Assert.Equal(27, (int)rooms[online.ClassroomId]!["headcount"]!);
        Assert.Equal("left", (string?)rooms[left.ClassroomId]!["state"]);
        Assert.Equal("absent", (string?)rooms[absent.ClassroomId]!["state"]);
        var problems = live["problems"]!.AsArray().Select(p => ((string)p!["code"]!, (long?)p["classroomId"])).ToList();
        Assert.Contains((LiveProblem.RoomUnstable, (long?)online.ClassroomId), problems);
        Assert.Contains((LiveProblem.RoomLeft, (long?)left.ClassroomId), problems);
        Assert.Contains((LiveProblem.RoomAbsent, (long?)absent.ClassroomId), problems);
        Assert.DoesNotContain(problems, p => p.Item1 == LiveProblem.TeacherAbsent);
        // A live lesson with problems comes first.
        Assert.Equal(lesson.LessonId, (string?)report["lessons"]![0]!["lessonId"]);
        Assert.Contains("已掉线", live["problems"]!.AsArray().Select(p => (string)p!["message"]!).Single(m => m.Contains(left.SchoolName, StringComparison.Ordinal)));

        // A minute later nobody has sent a heartbeat: the teacher is missing too, in English for an English caller.
        _host.Clock.SetUtcNow(now.AddMinutes(1));
        var later = Find(await (await admin.GetAsync($"/api/alliances/{lesson.AllianceId}/live?lang=en")).ReadAsync(HttpStatusCode.OK), lesson.LessonId);
        var teacherProblem = later["problems"]!.AsArray().Single(p => (string?)p!["code"] == LiveProblem.TeacherAbsent)!;
        Assert.Contains("is not connected", (string?)teacherProblem["message"]);
        Assert.False((bool)later["teacherOnline"]!);

        // The county's view has it too; an alliance admin reads their alliance; a school admin or a teacher has no alliance-wide view.
        Assert.Contains((await (await admin.GetAsync("/api/live")).ReadAsync(HttpStatusCode.OK))["lessons"]!.AsArray(), l => (string?)l!["lessonId"] == lesson.LessonId);
        var allianceAdmin = _host.WithToken(_host.AccessToken("live-alliance-admin", new Grant(AccountRole.AllianceAdmin, lesson.AllianceId)));
        Assert.Equal(HttpStatusCode.OK, (await allianceAdmin.GetAsync($"/api/alliances/{lesson.AllianceId}/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await allianceAdmin.GetAsync("/api/live")).StatusCode);
        var schoolAdmin = _host.WithToken(_host.AccessToken("live-school-admin", new Grant(AccountRole.SchoolAdmin, lesson.AllianceId, online.SchoolId)));
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolAdmin.GetAsync($"/api/alliances/{lesson.AllianceId}/live")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/alliances/999999/live")).StatusCode);

        // After the bell: ended, no problems raised any more.
        _host.Clock.SetUtcNow(lesson.EndsAt.AddMinutes(1));
        var ended = Find(await (await admin.GetAsync($"/api/alliances/{lesson.AllianceId}/live")).ReadAsync(HttpStatusCode.OK), lesson.LessonId);
        Assert.Equal("ended", (string?)ended["status"]);
        Assert.Empty(ended["problems"]!.AsArray());
    }

    private static class LiveProblem
    {
        public const string TeacherAbsent = "teacher_absent";
        public const string RoomAbsent = "room_absent";
        public const string RoomLeft = "room_left";
        public const string RoomUnstable = "room_unstable";
    }

    private async Task<LessonRosterDto> BiggestLessonAsync(HttpClient admin)
    {
        var week = await admin.CurrentWeekAsync();
        using var scope = _host.Services.CreateScope();
        var rosters = scope.ServiceProvider.GetRequiredService<ILessonRosterSource>();
        LessonRosterDto? best = null;
        foreach (var p in week["pairings"]!.AsArray())
        {
            var roster = await rosters.FindAsync((string)p!["lessonId"]!, CancellationToken.None);
            if (roster is not null && (best is null || roster.Rooms.Count > best.Rooms.Count)) best = roster;
        }

        return best ?? throw new InvalidOperationException("the demo week has no lesson");
    }

    private static System.Text.Json.Nodes.JsonNode Find(System.Text.Json.Nodes.JsonNode report, string lessonId) =>
        report["lessons"]!.AsArray().Single(l => (string?)l!["lessonId"] == lessonId)!;

    private static PresenceInterval Interval(string lesson, string subject, string role, long? classroom, long? school, long started, long lastSeen, long? disconnected, int drops) =>
        new()
        {
            Id = Guid.NewGuid(), LessonId = lesson, Subject = subject, Role = role, ClassroomId = classroom, SchoolId = school,
            StartedAtMs = started, LastSeenAtMs = lastSeen, DisconnectedAtMs = disconnected, Connections = disconnected is null ? 1 : 0, Drops = drops,
        };
}
