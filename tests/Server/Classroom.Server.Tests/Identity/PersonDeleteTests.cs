using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Identity.Store;
using Classroom.Server.Tests.Recordings;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// Deleting a person (docs/admin-people.md "Deleting a person"): who may (the admin of the
/// person's scope), what is refused (oneself, in the caller's language; a person out of scope; an
/// unknown id), what goes (the account, its sessions and tokens at once, its grants, its name in
/// the audit log and in the hub's records) and what stays (audit rows, evaluations without the
/// name), the named audit row, and that the pages that showed the person still answer.
/// </summary>
public sealed class PersonDeleteTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_school_admin_deletes_a_student_whose_sessions_end_and_whose_name_is_gone_everywhere()
    {
        var (_, member) = await SchoolsAsync();
        var xiaoming = await PersonIdAsync("xiaoming");
        var subject = $"person:{xiaoming}";
        using var student = await PageSession.OpenAsync(_host);
        await student.SignInOrFailAsync("xiaoming");
        using var studentToken = _host.WithToken(_host.AccessToken("xiaoming"));
        // A refused request of the student's own: an audit row under their name.
        Assert.Equal(HttpStatusCode.Forbidden, (await studentToken.GetAsync($"/api/schools/{member}/people")).StatusCode);
        await using (var hub = await HubAsync())
        {
            hub.RecordingViews.Add(new RecordingViewRecord { RecordingId = "rec-del-1", Subject = subject, LessonId = "l-1", ClassroomId = 1, StudentName = "小明", WatchedMs = 60_000, UpdatedAtMs = 1 });
            hub.RecordingViews.Add(new RecordingViewRecord { RecordingId = "rec-del-1", Subject = "person:999", LessonId = "l-1", WatchedMs = 1_000, UpdatedAtMs = 1 });
            await hub.SaveChangesAsync();
        }

        using var admin = _host.Admin();
        // The class roster lists the student under their user name (the school's student id for student accounts).
        var classroom = (long)(await (await studentToken.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK))["grants"]![0]!["classroomId"]!;
        var roster = (await (await admin.GetAsync($"/api/classrooms/{classroom}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray()
            .Select(r => new { schoolStudentId = (string)r!["schoolStudentId"]!, displayName = (string)r["displayName"]! }).ToList();
        roster.Add(new { schoolStudentId = "xiaoming", displayName = "小明" });
        roster.Add(new { schoolStudentId = "S-other", displayName = "小红" });
        Assert.True((await admin.PutJsonAsync($"/api/classrooms/{classroom}/roster", roster)).IsSuccessStatusCode);
        Assert.Contains((await (await admin.GetAsync($"/api/audit?subject={subject}")).ReadAsync(HttpStatusCode.OK)).AsArray(), r => (string?)r!["name"] == "小明");

        using var school = _host.WithToken(_host.AccessToken("school"));
        await (await school.DeleteAsync($"/api/people/{xiaoming}")).ReadAsync(HttpStatusCode.NoContent);

        // The account can never act again: its open session, its token and its password.
        Assert.Equal(HttpStatusCode.Unauthorized, (await student.Client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await studentToken.GetAsync("/api/me")).StatusCode);
        using (var again = await PageSession.OpenAsync(_host))
            Assert.False((await again.SignInAsync("xiaoming", PageSession.DemoPassword)).IsSuccessStatusCode);

        // Gone from the store with everything hanging on it; a second delete is 404.
        _host.Scoped(sp =>
        {
            var db = sp.GetRequiredService<AccountDbContext>();
            Assert.False(db.Users.Any(p => p.Id == xiaoming));
            Assert.False(db.Grants.Any(g => g.PersonId == xiaoming));
            Assert.False(db.AccessTokens.Any(t => t.PersonId == xiaoming));
            Assert.False(db.EnrolmentCodes.Any(c => c.PersonId == xiaoming));
            return 0;
        });
        Assert.Equal("not_found", (string?)(await (await school.DeleteAsync($"/api/people/{xiaoming}")).ProblemAsync(HttpStatusCode.NotFound))["code"]);

        // The audit rows stay, under the subject id instead of the name; the new row names who and whom, not the erased name.
        var rows = (await (await admin.GetAsync($"/api/audit?subject={subject}")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(subject, (string?)r!["name"]));
        var deleted = Assert.Single((await (await admin.GetAsync("/api/audit?action=person.delete")).ReadAsync(HttpStatusCode.OK)).AsArray())!;
        Assert.StartsWith($"{subject} student;a=1;s={member};c=", (string?)deleted["target"], StringComparison.Ordinal);
        Assert.Equal($"person:{await PersonIdAsync("school")}", (string?)deleted["subject"]);
        Assert.DoesNotContain("小明", deleted.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("xiaoming", (string?)deleted["target"], StringComparison.Ordinal);

        // The hub's watch record of the student is gone; someone else's stays.
        await using (var hub = await HubAsync())
        {
            Assert.Equal(0, await hub.RecordingViews.CountAsync(v => v.Subject == subject));
            Assert.Equal(1, await hub.RecordingViews.CountAsync(v => v.Subject == "person:999"));
        }

        // The roster entry is gone, the classmates stay.
        var after = (await (await admin.GetAsync($"/api/classrooms/{classroom}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(after, r => (string?)r!["schoolStudentId"] == "xiaoming" || (string?)r["displayName"] == "小明");
        Assert.Contains(after, r => (string?)r!["schoolStudentId"] == "S-other");
        Assert.Equal(roster.Count - 1, after.Count);

        // The pages that listed the person still answer, without them.
        var people = (await (await school.GetAsync($"/api/schools/{member}/people")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(people, p => (string?)p!["userName"] == "xiaoming");
        await (await admin.GetAsync("/api/people")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/audit?format=csv")).StatusCode);
        await (await school.GetAsync($"/api/schools/{member}/devices")).ReadAsync(HttpStatusCode.OK);

        // The user name is free again, and the new account is a new id: old rows never point at it.
        var created = await (await school.PostJsonAsync("/api/people", new { userName = "xiaoming", displayName = "新同学", grants = new[] { new { role = "school-admin", schoolId = member } } }))
            .ReadAsync(HttpStatusCode.Created);
        Assert.True(created.Id() > xiaoming);
        // Even the newest account's id is not handed out again (SQLite AUTOINCREMENT).
        await (await school.DeleteAsync($"/api/people/{created.Id()}")).ReadAsync(HttpStatusCode.NoContent);
        var next = await (await school.PostJsonAsync("/api/people", new { userName = "xiaoming", displayName = "新同学", grants = new[] { new { role = "school-admin", schoolId = member } } }))
            .ReadAsync(HttpStatusCode.Created);
        Assert.True(next.Id() > created.Id());
    }

    [Fact]
    public async Task Only_the_admin_of_the_persons_scope_deletes_and_nobody_deletes_themselves()
    {
        var (lead, member) = await SchoolsAsync();
        using var school = await PageSession.OpenAsync(_host, "en");
        await school.SignInOrFailAsync("school");
        var schoolId = await PersonIdAsync("school");
        var wangfang = await PersonIdAsync("wangfang");
        var district = await PersonIdAsync("admin");

        // A teacher of another school and the district admin: refused before anything changes.
        Assert.Equal(HttpStatusCode.Forbidden, (await school.SendAsync(HttpMethod.Delete, $"/api/people/{wangfang}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.SendAsync(HttpMethod.Delete, $"/api/people/{district}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.SendAsync(HttpMethod.Delete, "/api/people/987654")).StatusCode);
        // Without the antiforgery header a page's session changes nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await school.SendAsync(HttpMethod.Delete, $"/api/people/{schoolId}", csrf: false)).StatusCode);

        // Oneself: refused in the caller's language, the account intact.
        var own = await (await school.SendAsync(HttpMethod.Delete, $"/api/people/{schoolId}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("own_account", (string?)own["code"]);
        Assert.Equal("You cannot delete your own account. Ask another admin to do it.", (string?)own["title"]);
        await (await school.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        using var admin = _host.Admin();
        var ownDistrict = await (await admin.DeleteAsync($"/api/people/{await PersonIdAsync("test-admin")}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("own_account", (string?)ownDistrict["code"]);
        Assert.Equal("不能删除您自己的账号。请让另一位管理员操作。", (string?)ownDistrict["title"]);

        // A person who also holds a role at another school is the alliance's, not this school's.
        var both = (await (await admin.PostJsonAsync("/api/people", new { userName = "both-schools", displayName = "两校教师", grants = new[] { new { role = "school-admin", schoolId = member } } }))
            .ReadAsync(HttpStatusCode.Created)).Id();
        await (await admin.PostJsonAsync($"/api/people/{both}/grants", new { role = "school-admin", schoolId = lead })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.SendAsync(HttpMethod.Delete, $"/api/people/{both}")).StatusCode);
        using var alliance = _host.WithToken(_host.AccessToken("alliance-admin", new Grant(AccountRole.AllianceAdmin, 1)));
        await (await alliance.DeleteAsync($"/api/people/{both}")).ReadAsync(HttpStatusCode.NoContent);

        // Another district admin may be deleted by a district admin (the caller remains one); a disabled one too.
        using var demo = await PageSession.OpenAsync(_host);
        await demo.SignInOrFailAsync("admin");
        await (await admin.PutJsonAsync($"/api/people/{district}/disabled", new { disabled = true })).ReadAsync(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"/api/people/{district}")).ReadAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await demo.Client.GetAsync("/api/me")).StatusCode);
        await (await admin.GetAsync("/api/people")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await (await admin.GetAsync("/api/audit?action=person.delete")).ReadAsync(HttpStatusCode.OK)).AsArray().Count);
    }

    [Fact]
    public async Task A_deleted_researchers_evaluations_stay_without_their_name_and_a_deleted_students_replay_record_goes()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-del-eval", _host.Clock.GetUtcNow().AddHours(-1));
        using var researcher = _host.WithToken(_host.AccessToken("del-researcher", new Grant(AccountRole.Researcher, world.Lesson.AllianceId)));
        await (await researcher.PostJsonAsync("/api/recordings/rec-del-eval/evaluation/comments", new { mediaTimeMs = 1_000, text = "导入自然。" })).ReadAsync(HttpStatusCode.Created);
        await (await researcher.PutJsonAsync("/api/recordings/rec-del-eval/evaluation", new { scores = new int?[] { 4, 5, null, 3, 4 }, summary = "整体良好。" })).ReadAsync(HttpStatusCode.OK);
        var researcherId = await PersonIdAsync("del-researcher");
        var studentId = await PersonIdAsync("rec-student");
        await using (var hub = await HubAsync())
        {
            hub.RecordingViews.Add(new RecordingViewRecord
            {
                RecordingId = "rec-del-eval", Subject = $"person:{studentId}", LessonId = world.Lesson.LessonId, ClassroomId = world.PairedRoom.ClassroomId,
                StudentName = RecordingWorld.StudentName, WatchedMs = 120_000, UpdatedAtMs = 1,
            });
            // A classmate with the same name (common: 王伟, 张敏) watched too; deleting the other account must not take their record.
            hub.RecordingViews.Add(new RecordingViewRecord
            {
                RecordingId = "rec-del-eval", Subject = "person:987654", LessonId = world.Lesson.LessonId, ClassroomId = world.PairedRoom.ClassroomId,
                StudentName = RecordingWorld.StudentName, WatchedMs = 60_000, UpdatedAtMs = 1,
            });
            await hub.SaveChangesAsync();
        }

        var teacher = _host.WithToken(world.Teacher);
        var before = await (await teacher.GetAsync("/api/recordings/rec-del-eval/evaluations")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("del-researcher", (string?)Assert.Single(before["comments"]!.AsArray())!["evaluatorName"]);

        using var admin = _host.Admin();
        await (await admin.DeleteAsync($"/api/people/{researcherId}")).ReadAsync(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"/api/people/{studentId}")).ReadAsync(HttpStatusCode.NoContent);

        // The teacher still reads the evaluation (scores, summary, comment), without the evaluator's name.
        var after = await (await teacher.GetAsync("/api/recordings/rec-del-eval/evaluations")).ReadAsync(HttpStatusCode.OK);
        var comment = Assert.Single(after["comments"]!.AsArray())!;
        Assert.Equal("导入自然。", (string?)comment["text"]);
        Assert.Equal("—", (string?)comment["evaluatorName"]);
        var sheet = Assert.Single(after["sheets"]!.AsArray())!;
        Assert.Equal("—", (string?)sheet["evaluatorName"]);
        Assert.Equal("整体良好。", (string?)sheet["summary"]);
        Assert.DoesNotContain("del-researcher", after.ToJsonString(), StringComparison.Ordinal);

        // The student's replay record (with their name) is gone; the recording list still answers.
        await using (var hub = await HubAsync())
        {
            Assert.Equal(0, await hub.RecordingViews.CountAsync(v => v.Subject == $"person:{studentId}"));
            Assert.Equal(60_000, (await hub.RecordingViews.SingleAsync(v => v.Subject == "person:987654")).WatchedMs);
        }

        await (await admin.GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK);
        await (await teacher.GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK);
        var audit = (await (await admin.GetAsync("/api/audit?action=evaluation")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.NotEmpty(audit);
        Assert.DoesNotContain(audit, r => (string?)r!["name"] == "del-researcher");
    }

    private async Task<HubDbContext> HubAsync() => await _host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();

    private async Task<long> PersonIdAsync(string userName)
    {
        using var admin = _host.Admin();
        var people = await (await admin.GetAsync($"/api/people?q={userName}")).ReadAsync(HttpStatusCode.OK);
        return people.AsArray().Single(p => (string?)p!["userName"] == userName)!.Id();
    }

    private async Task<(long Lead, long Member)> SchoolsAsync()
    {
        using var admin = _host.Admin();
        var schools = (await (await admin.GetAsync("/api/alliances/1/schools")).ReadAsync(HttpStatusCode.OK)).AsArray();
        return (schools.Single(s => (bool)s!["isLead"]!)!.Id(), schools.Where(s => !(bool)s!["isLead"]!).Select(s => s!.Id()).Min());
    }
}
