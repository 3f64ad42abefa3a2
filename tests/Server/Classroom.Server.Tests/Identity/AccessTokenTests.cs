using System.Net;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// Personal access tokens (made on the account page, revoked by the owner or an admin of their
/// scope) and who may hand out which grant (docs/access.md "Roles and scope"), with the
/// one-time enrolment link a new account gets.
/// </summary>
public sealed class AccessTokenTests : IDisposable
{
    private readonly SchedulerHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_token_made_on_the_account_page_works_as_bearer_until_its_owner_revokes_it()
    {
        using var page = await PageSession.OpenAsync(_host);
        await page.SignInOrFailAsync("wangfang");
        var created = await (await page.PostAsync("/api/me/tokens", new { name = "成绩导出脚本", days = 30 })).ReadAsync(HttpStatusCode.Created);
        var token = (string)created["token"]!;
        Assert.StartsWith("cr_pat_", token, StringComparison.Ordinal);

        using var script = _host.WithToken(token);
        var me = await (await script.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("wangfang", (string?)me["userName"]);
        // Shown once: the list has the name, never the secret.
        var listed = await (await page.Client.GetAsync("/api/me/tokens")).ReadAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(token, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(listed.AsArray(), t => (long)t!["id"]! == created.Id() && (string?)t["name"] == "成绩导出脚本");

        await (await page.SendAsync(HttpMethod.Delete, $"/api/me/tokens/{created.Id()}")).ReadAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.SendAsync(HttpMethod.Delete, $"/api/me/tokens/{created.Id()}")).StatusCode);
    }

    [Fact]
    public async Task An_admin_of_the_persons_scope_revokes_their_token_and_an_admin_of_another_school_cannot()
    {
        using var teacher = _host.WithToken(_host.AccessToken("wangfang"));
        var me = await (await teacher.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        var personId = long.Parse(((string)me["subject"]!)["person:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var tokens = await (await teacher.GetAsync("/api/me/tokens")).ReadAsync(HttpStatusCode.OK);
        var tokenId = (long)Assert.Single(tokens.AsArray())!["id"]!;

        // "school" administers a member school; wangfang teaches at the lead school.
        using var otherSchool = _host.WithToken(_host.AccessToken("school"));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSchool.DeleteAsync($"/api/people/{personId}/tokens/{tokenId}")).StatusCode);
        await (await teacher.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);

        using var allianceAdmin = _host.WithToken(_host.AccessToken("alliance-admin", new Grant(AccountRole.AllianceAdmin, 1)));
        await (await allianceAdmin.DeleteAsync($"/api/people/{personId}/tokens/{tokenId}")).ReadAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await teacher.GetAsync("/api/me")).StatusCode);
        var view = await (await allianceAdmin.GetAsync($"/api/people/{personId}/tokens")).ReadAsync(HttpStatusCode.OK);
        Assert.True((bool)view.AsArray().Single(t => (long)t!["id"]! == tokenId)!["revoked"]!);
    }

    [Fact]
    public async Task A_school_admin_cannot_hand_out_grants_beyond_their_school()
    {
        var (leadSchool, memberSchool) = await SchoolsAsync();
        var leadTeacher = await FirstTeacherAsync(leadSchool);
        using var school = _host.WithToken(_host.AccessToken("school"));

        await AssertRefusedAsync(school, "new-district-admin", new { role = "district-admin" });
        await AssertRefusedAsync(school, "new-alliance-admin", new { role = "alliance-admin", allianceId = 1 });
        await AssertRefusedAsync(school, "new-lead-teacher", new { role = "teacher", teacherId = leadTeacher });
        await AssertRefusedAsync(school, "new-lead-admin", new { role = "school-admin", schoolId = leadSchool });

        using var admin = _host.Admin();
        var people = await (await admin.GetAsync("/api/people")).ReadAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(people.AsArray(), p => ((string?)p!["userName"])?.StartsWith("new-", StringComparison.Ordinal) == true);
        Assert.NotEqual(leadSchool, memberSchool);
    }

    [Fact]
    public async Task A_school_admin_creates_a_teacher_of_their_school_whose_link_sets_a_password_once()
    {
        var (_, memberSchool) = await SchoolsAsync();
        using var school = _host.WithToken(_host.AccessToken("school"));
        // The school admin first adds the teacher record, then the account for it.
        var ownTeacher = (await (await school.PostJsonAsync($"/api/schools/{memberSchool}/teachers", new { name = "李雷" })).ReadAsync(HttpStatusCode.Created)).Id();

        var created = await (await school.PostJsonAsync("/api/people", new
        {
            userName = "lilei", displayName = "李雷", grants = new[] { new { role = "teacher", teacherId = ownTeacher } },
        })).ReadAsync(HttpStatusCode.Created);
        var link = (string)created["enrolmentLink"]!;
        Assert.Contains("/enrol.html#code=", link, StringComparison.Ordinal);
        var code = link[(link.IndexOf("#code=", StringComparison.Ordinal) + "#code=".Length)..];
        // The grant's school and alliance come from the teacher record, not from the request.
        var people = await (await school.GetAsync($"/api/schools/{memberSchool}/people")).ReadAsync(HttpStatusCode.OK);
        var lilei = people.AsArray().Single(p => (string?)p!["userName"] == "lilei")!;
        Assert.Contains(lilei["grants"]!.AsArray(), g => ((string?)g)?.Contains("teacher", StringComparison.Ordinal) == true);

        using var page = await PageSession.OpenAsync(_host);
        Assert.Equal(HttpStatusCode.Unauthorized, (await page.SignInAsync("lilei", "first-password-1")).StatusCode);
        var enrolled = await (await page.PostAsync("/api/auth/enrol", new { code, password = "first-password-1" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("lilei", (string?)enrolled["userName"]);
        await page.RefreshAsync();
        var me = await (await page.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("teacher", (string?)me["grants"]![0]!["role"]);
        Assert.Equal(ownTeacher, (long?)me["grants"]![0]!["teacherId"]);
        Assert.Equal(memberSchool, (long?)me["grants"]![0]!["schoolId"]);

        using var second = await PageSession.OpenAsync(_host);
        var used = await (await second.PostAsync("/api/auth/enrol", new { code, password = "second-password-2" })).ProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("link_used", (string?)used["code"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.SignInAsync("lilei", "second-password-2")).StatusCode);
        await second.SignInOrFailAsync("lilei", "first-password-1");
    }

    private async Task AssertRefusedAsync(HttpClient client, string userName, object grant)
    {
        var response = await client.PostJsonAsync("/api/people", new { userName, displayName = userName, grants = new[] { grant } });
        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", (string?)problem["code"]);
    }

    private async Task<(long Lead, long Member)> SchoolsAsync()
    {
        using var admin = _host.Admin();
        var schools = (await (await admin.GetAsync("/api/alliances/1/schools")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var lead = schools.Single(s => (bool)s!["isLead"]!)!.Id();
        // The demo's "school" account administers the first member school.
        var member = schools.Where(s => !(bool)s!["isLead"]!).Select(s => s!.Id()).Min();
        return (lead, member);
    }

    private async Task<long> FirstTeacherAsync(long schoolId)
    {
        using var admin = _host.Admin();
        var teachers = (await (await admin.GetAsync($"/api/schools/{schoolId}/teachers")).ReadAsync(HttpStatusCode.OK)).AsArray();
        return teachers.Select(t => t!.Id()).Min();
    }
}
