using System.Net;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// A village teacher books the lead school's studio (总校的录播室也对各分校开放) on the real server:
/// the booking becomes a one-off lesson whose hand-chosen room the queued solve pairs; clashes
/// with the studio's timetable, a holiday and an unknown period are refused with the reason in the
/// caller's language; only the teacher (or an admin) books under the teacher's record; cancelling
/// removes the lesson and its pairings.
/// </summary>
public sealed class StudioBookingTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_member_teacher_books_the_lead_studio_and_the_booked_room_is_paired()
    {
        var admin = _host.Admin();
        var (alliance, _) = await SolveAlliance.BuildAsync(admin);
        var schools = (await (await admin.GetAsync($"/api/alliances/{alliance}/schools")).ReadAsync(HttpStatusCode.OK)).AsArray().Select(s => s!).ToList();
        long School(string code) => (long)schools.Single(s => (string)s["code"]! == code)["id"]!;
        var studios = (await (await admin.GetAsync($"/api/schools/{School("LEAD")}/studios")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var studio = (long)studios.Single(s => (string)s!["name"]! == "录播室一")!["id"]!;
        var room = (long)(await (await admin.GetAsync($"/api/schools/{School("V1")}/classrooms")).ReadAsync(HttpStatusCode.OK)).AsArray()[0]!["id"]!;
        var teacher = (await (await admin.PostJsonAsync($"/api/schools/{School("V1")}/teachers", new { name = "赵老师" })).ReadAsync(HttpStatusCode.Created)).Id();
        var zhao = _host.WithToken(_host.AccessToken("zhao", new Grant(AccountRole.Teacher, alliance, School("V1"), TeacherId: teacher)));

        // Tuesday 第3节 is free in 录播室一: booked, and the week's solve pairs the chosen room.
        var response = await zhao.PostJsonAsync($"/api/teachers/{teacher}/bookings",
            new { studioId = studio, date = "2026-11-24", periodName = "第3节", subject = "科学", grade = 4, rooms = new[] { room } });
        var booking = await response.ReadAsync(HttpStatusCode.Created);
        Assert.Equal($"L{booking.Id()}-20261124", (string)booking["lessonId"]!);
        var job = await admin.PollAsync((string)booking["solveJob"]!, j => (string?)j["state"] is "succeeded" or "failed");
        Assert.Equal("succeeded", (string)job["state"]!);
        var listed = await (await admin.GetAsync($"/api/studios/{studio}/bookings")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal([room], listed[0]!["pairedRooms"]!.AsArray().Select(r => (long)r!).ToArray());
        var week = await (await admin.GetAsync($"/api/alliances/{alliance}/pairings?from={SolveAlliance.MakeUpWeekFrom}&to={SolveAlliance.MakeUpWeekTo}")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains(week["pairings"]!.AsArray(), p => (string)p!["lessonId"]! == (string)booking["lessonId"]! && (string)p["teacherName"]! == "赵老师");

        // Thursday 第3节 is 王芳's music in that studio; 12-02 is a holiday; 第9节 does not ring.
        var busy = await (await zhao.PostJsonAsync($"/api/teachers/{teacher}/bookings",
            new { studioId = studio, date = "2026-11-26", periodName = "第3节", subject = "科学", grade = 4 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("studio_busy", (string)busy["code"]!);
        Assert.Contains("王芳", (string)busy["detail"]!, StringComparison.Ordinal);
        Assert.Contains("已有课", (string)busy["detail"]!, StringComparison.Ordinal);
        var busyEn = await (await zhao.PostJsonAsync($"/api/teachers/{teacher}/bookings?lang=en",
            new { studioId = studio, date = "2026-11-26", periodName = "第3节", subject = "科学", grade = 4 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("is taken on 2026-11-26", (string)busyEn["detail"]!, StringComparison.Ordinal);
        var holiday = await (await zhao.PostJsonAsync($"/api/teachers/{teacher}/bookings",
            new { studioId = studio, date = "2026-12-02", periodName = "第3节", subject = "科学", grade = 4 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("not_a_school_day", (string)holiday["code"]!);
        var period = await (await zhao.PostJsonAsync($"/api/teachers/{teacher}/bookings",
            new { studioId = studio, date = "2026-11-25", periodName = "第9节", subject = "科学", grade = 4 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("no_such_period", (string)period["code"]!);
        // The teacher's own booking makes them busy too: a second studio at the same time is refused.
        var studio2 = (long)studios.Single(s => (string)s!["name"]! == "录播室二")!["id"]!;
        var twice = await (await zhao.PostJsonAsync($"/api/teachers/{teacher}/bookings",
            new { studioId = studio2, date = "2026-11-24", periodName = "第3节", subject = "科学", grade = 4 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("teacher_busy", (string)twice["code"]!);

        // Another teacher cannot book (or cancel) under 赵老师's record.
        var other = _host.WithToken(_host.AccessToken("li", new Grant(AccountRole.Teacher, alliance, School("LEAD"), TeacherId: teacher + 1000)));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostJsonAsync($"/api/teachers/{teacher}/bookings",
            new { studioId = studio, date = "2026-11-25", periodName = "第3节", subject = "科学", grade = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.DeleteAsync($"/api/teachers/{teacher}/bookings/{booking.Id()}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await zhao.DeleteAsync($"/api/teachers/{teacher}/bookings/{booking.Id()}")).StatusCode);
        Assert.Empty((await (await admin.GetAsync($"/api/studios/{studio}/bookings")).ReadAsync(HttpStatusCode.OK)).AsArray());
        var after = await (await admin.GetAsync($"/api/alliances/{alliance}/pairings?from={SolveAlliance.MakeUpWeekFrom}&to={SolveAlliance.MakeUpWeekTo}")).ReadAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(after["pairings"]!.AsArray(), p => (string)p!["lessonId"]! == (string)booking["lessonId"]!);
    }

    [Fact]
    public async Task The_studios_school_admin_books_it_for_a_teacher_of_the_school_and_cancels_it()
    {
        var admin = _host.Admin();
        var (alliance, _) = await SolveAlliance.BuildAsync(admin);
        var schools = (await (await admin.GetAsync($"/api/alliances/{alliance}/schools")).ReadAsync(HttpStatusCode.OK)).AsArray().Select(s => s!).ToList();
        long School(string code) => (long)schools.Single(s => (string)s["code"]! == code)["id"]!;
        var studio = (long)(await (await admin.GetAsync($"/api/schools/{School("LEAD")}/studios")).ReadAsync(HttpStatusCode.OK)).AsArray()
            .Single(s => (string)s!["name"]! == "录播室一")!["id"]!;
        var leadTeacher = (await (await admin.PostJsonAsync($"/api/schools/{School("LEAD")}/teachers", new { name = "孙老师" })).ReadAsync(HttpStatusCode.Created)).Id();
        var villageTeacher = (await (await admin.PostJsonAsync($"/api/schools/{School("V1")}/teachers", new { name = "赵老师" })).ReadAsync(HttpStatusCode.Created)).Id();
        var leadAdmin = _host.WithToken(_host.AccessToken("lead-admin", new Grant(AccountRole.SchoolAdmin, alliance, School("LEAD"))));
        var villageAdmin = _host.WithToken(_host.AccessToken("v1-admin", new Grant(AccountRole.SchoolAdmin, alliance, School("V1"))));

        // The lead school's admin books its studio for its teacher (a school admin cannot Teach, so this is their way).
        var booking = await (await leadAdmin.PostJsonAsync($"/api/studios/{studio}/bookings",
            new { teacherId = leadTeacher, date = "2026-11-24", periodName = "第3节", subject = "科学", grade = 4 })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(leadTeacher, (long)booking["teacherId"]!);
        Assert.NotNull((string?)booking["solveJob"]);

        // The same period again: the studio's conflict, in the caller's language.
        var busy = await (await leadAdmin.PostJsonAsync($"/api/studios/{studio}/bookings?lang=en",
            new { teacherId = leadTeacher, date = "2026-11-24", periodName = "第3节", subject = "美术", grade = 4 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("studio_busy", (string)busy["code"]!);
        Assert.Contains("is taken on 2026-11-24", (string)busy["detail"]!, StringComparison.Ordinal);

        // A teacher of another school is not the studio admin's to book (the teacher books that themselves).
        var foreign = await (await leadAdmin.PostJsonAsync($"/api/studios/{studio}/bookings",
            new { teacherId = villageTeacher, date = "2026-11-25", periodName = "第3节", subject = "科学", grade = 4 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("不是本录播室所在学校的教师", (string)foreign["detail"]!, StringComparison.Ordinal);

        // Another school's admin neither books nor cancels in this studio.
        Assert.Equal(HttpStatusCode.Forbidden, (await villageAdmin.PostJsonAsync($"/api/studios/{studio}/bookings",
            new { teacherId = leadTeacher, date = "2026-11-25", periodName = "第3节", subject = "科学", grade = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await villageAdmin.DeleteAsync($"/api/studios/{studio}/bookings/{booking.Id()}")).StatusCode);

        // A studio in use is not deleted (said in both languages); cancelling its booking through the studio removes it.
        var inUse = await (await leadAdmin.DeleteAsync($"/api/studios/{studio}?lang=en")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("is used by lead lessons or bookings", (string)inUse["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await leadAdmin.DeleteAsync($"/api/studios/{studio}/bookings/{booking.Id() + 999}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await leadAdmin.DeleteAsync($"/api/studios/{studio}/bookings/{booking.Id()}")).StatusCode);
        Assert.Empty((await (await leadAdmin.GetAsync($"/api/studios/{studio}/bookings")).ReadAsync(HttpStatusCode.OK)).AsArray());
    }
}
