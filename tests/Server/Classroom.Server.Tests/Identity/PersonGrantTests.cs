using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// Adding a role to a person and removing one (docs/admin-people.md "Roles"): who may (the admin
/// of the person's scope, for a grant they could hand out), what is refused (a duplicate, the
/// county's last district admin, one's own last admin role, a person's only role), the audit row,
/// and that the person's live session and token act with the new grants on their next request.
/// </summary>
public sealed class PersonGrantTests : IDisposable
{
    private readonly SchedulerHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task An_alliance_admin_adds_and_removes_a_role_and_the_persons_session_and_token_follow_at_once()
    {
        var (lead, _) = await SchoolsAsync();
        using var teacher = await PageSession.OpenAsync(_host);
        await teacher.SignInOrFailAsync("wangfang");
        using var teacherToken = _host.WithToken(_host.AccessToken("wangfang"));
        var wangfang = await PersonIdAsync("wangfang");
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.Client.GetAsync($"/api/schools/{lead}/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacherToken.GetAsync($"/api/schools/{lead}/people")).StatusCode);

        using var alliance = _host.WithToken(_host.AccessToken("alliance-admin", new Grant(AccountRole.AllianceAdmin, 1)));
        var added = await (await alliance.PostJsonAsync($"/api/people/{wangfang}/grants", new { role = "school-admin", schoolId = lead })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal($"school-admin;a=1;s={lead}", (string?)added["grant"]);

        // At once, not within the minute of the security-stamp check, and without signing the person out.
        await (await teacher.Client.GetAsync($"/api/schools/{lead}/people")).ReadAsync(HttpStatusCode.OK);
        await (await teacherToken.GetAsync($"/api/schools/{lead}/people")).ReadAsync(HttpStatusCode.OK);
        var me = await (await teacher.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains(me["grants"]!.AsArray(), g => (string?)g!["role"] == "school-admin" && (long?)g["schoolId"] == lead);
        Assert.Contains(me["grants"]!.AsArray(), g => (string?)g!["role"] == "teacher");

        // The list carries each grant with its id.
        var people = await (await alliance.GetAsync($"/api/schools/{lead}/people?q=wangfang")).ReadAsync(HttpStatusCode.OK);
        var roles = people.AsArray().Single(p => (string?)p!["userName"] == "wangfang")!["roles"]!.AsArray();
        Assert.Equal(2, roles.Count);
        Assert.Contains(roles, r => r is not null && r.Id() == added.Id() && (string?)r["grant"] == $"school-admin;a=1;s={lead}");

        // The same grant again is refused, in the caller's language.
        alliance.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var duplicate = await (await alliance.PostJsonAsync($"/api/people/{wangfang}/grants", new { role = "school-admin", schoolId = lead })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("duplicate_grant", (string?)duplicate["code"]);
        Assert.Equal("This person already has this role.", (string?)duplicate["title"]);

        await (await alliance.DeleteAsync($"/api/people/{wangfang}/grants/{added.Id()}")).ReadAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.Client.GetAsync($"/api/schools/{lead}/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacherToken.GetAsync($"/api/schools/{lead}/people")).StatusCode);
        me = await (await teacher.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("teacher", (string?)Assert.Single(me["grants"]!.AsArray())!["role"]);
        Assert.Equal(HttpStatusCode.NotFound, (await alliance.DeleteAsync($"/api/people/{wangfang}/grants/{added.Id()}")).StatusCode);

        // Each change is one named audit row: who (the caller), whom and which grant.
        using var admin = _host.Admin();
        var rows = (await (await admin.GetAsync("/api/audit?action=person.grant")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var add = Assert.Single(rows, r => (string?)r!["action"] == "person.grant.add")!;
        var remove = Assert.Single(rows, r => (string?)r!["action"] == "person.grant.remove")!;
        foreach (var row in new[] { add, remove })
        {
            Assert.Equal($"person:{wangfang} grant:{added.Id()} school-admin;a=1;s={lead}", (string?)row["target"]);
            Assert.Equal(await PersonIdAsync("alliance-admin"), long.Parse(((string)row["subject"]!)["person:".Length..], CultureInfo.InvariantCulture));
            Assert.Equal("Succeeded", (string?)row["outcome"]);
        }
    }

    [Fact]
    public async Task A_school_admin_edits_only_people_of_their_school_and_only_with_grants_of_their_school()
    {
        var (lead, member) = await SchoolsAsync();
        using var school = _host.WithToken(_host.AccessToken("school"));
        var wangfang = await PersonIdAsync("wangfang");
        var xiaoming = await PersonIdAsync("xiaoming");
        var district = await PersonIdAsync("admin");
        using var admin = _host.Admin();
        var districtGrant = await GrantIdAsync(admin, "/api/people?q=admin", "admin", "district-admin");

        // Not a person of another school, not a district admin — whatever the grant.
        await RefusedAsync(school.PostJsonAsync($"/api/people/{wangfang}/grants", new { role = "school-admin", schoolId = member }), HttpStatusCode.Forbidden);
        await RefusedAsync(school.PostJsonAsync($"/api/people/{district}/grants", new { role = "school-admin", schoolId = member }), HttpStatusCode.Forbidden);
        await RefusedAsync(school.DeleteAsync($"/api/people/{district}/grants/{districtGrant}"), HttpStatusCode.Forbidden);
        // A person of their school, but a grant they could not hand out.
        var refused = await RefusedAsync(school.PostJsonAsync($"/api/people/{xiaoming}/grants", new { role = "school-admin", schoolId = lead }), HttpStatusCode.Forbidden);
        Assert.Equal("grant_scope", (string?)refused["reason"]);
        Assert.Equal("grant_scope", (string?)(await RefusedAsync(school.PostJsonAsync($"/api/people/{xiaoming}/grants", new { role = "district-admin" }), HttpStatusCode.Forbidden))["reason"]);
        Assert.Equal("grant_scope", (string?)(await RefusedAsync(school.PostJsonAsync($"/api/people/{xiaoming}/grants", new { role = "alliance-admin", allianceId = 1 }), HttpStatusCode.Forbidden))["reason"]);

        // A teacher record of their own school: allowed; the grant's school comes from the record.
        var ownTeacher = (await (await school.PostJsonAsync($"/api/schools/{member}/teachers", new { name = "李雷" })).ReadAsync(HttpStatusCode.Created)).Id();
        var added = await (await school.PostJsonAsync($"/api/people/{xiaoming}/grants", new { role = "teacher", teacherId = ownTeacher })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal($"teacher;a=1;s={member};t={ownTeacher}", (string?)added["grant"]);
        // A grant id of another person under this person's id is not found.
        var wangfangGrant = await GrantIdAsync(admin, "/api/people?q=wangfang", "wangfang", "teacher");
        await RefusedAsync(school.DeleteAsync($"/api/people/{xiaoming}/grants/{wangfangGrant}"), HttpStatusCode.NotFound);
        await (await school.DeleteAsync($"/api/people/{xiaoming}/grants/{added.Id()}")).ReadAsync(HttpStatusCode.NoContent);

        // The person's only role stays: disabling the account is how access ends.
        var only = await GrantIdAsync(admin, "/api/people?q=xiaoming", "xiaoming", "student");
        Assert.Equal("last_grant", (string?)(await RefusedAsync(school.DeleteAsync($"/api/people/{xiaoming}/grants/{only}"), HttpStatusCode.Conflict))["code"]);
        await RefusedAsync(school.PostJsonAsync($"/api/people/{xiaoming}/grants", new { role = "nobody" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Nobody_removes_the_districts_last_admin_or_their_own_last_admin_role()
    {
        using var admin = _host.Admin(); // "test-admin", a second district admin beside the demo's "admin"
        var testAdmin = await PersonIdAsync("test-admin");
        var demoAdmin = await PersonIdAsync("admin");
        using var demo = await PageSession.OpenAsync(_host, "en");
        await demo.SignInOrFailAsync("admin");

        // Their own last admin role: refused, though another district admin exists.
        await (await admin.PostJsonAsync($"/api/people/{demoAdmin}/grants", new { role = "researcher" })).ReadAsync(HttpStatusCode.Created);
        var demoGrant = await GrantIdAsync(admin, "/api/people?q=admin", "admin", "district-admin");
        var own = await (await demo.SendAsync(HttpMethod.Delete, $"/api/people/{demoAdmin}/grants/{demoGrant}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("own_last_admin", (string?)own["code"]);
        Assert.StartsWith("You cannot remove your own last admin role", (string?)own["title"], StringComparison.Ordinal);

        // With the demo admin disabled, test-admin is the county's only working district admin:
        // even with an alliance-admin role of their own left, their district-admin role stays.
        await (await admin.PutJsonAsync($"/api/people/{demoAdmin}/disabled", new { disabled = true })).ReadAsync(HttpStatusCode.NoContent);
        // Nobody disables their own account (it would lock out the county's last working district admin here); an unknown person is a 404 in words.
        var self = await (await admin.PutJsonAsync($"/api/people/{testAdmin}/disabled", new { disabled = true })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("own_account", "不能停用您自己的账号。请让另一位管理员操作。"), ((string?)self["code"], (string?)self["title"]));
        var unknown = await (await admin.PutJsonAsync("/api/people/999999/disabled?lang=en", new { disabled = true })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Person 999999 does not exist.", (string?)unknown["title"]);
        await (await admin.PostJsonAsync($"/api/people/{testAdmin}/grants", new { role = "alliance-admin", allianceId = 1 })).ReadAsync(HttpStatusCode.Created);
        var testGrant = await GrantIdAsync(admin, "/api/people?q=test-admin", "test-admin", "district-admin");
        var last = await (await admin.DeleteAsync($"/api/people/{testAdmin}/grants/{testGrant}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("last_district_admin", (string?)last["code"]);
        Assert.StartsWith("这是全县唯一的区县管理员角色", (string?)last["title"], StringComparison.Ordinal);

        // Enabled again, the demo admin's district role may go — removed by the other admin.
        await (await admin.PutJsonAsync($"/api/people/{demoAdmin}/disabled", new { disabled = false })).ReadAsync(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"/api/people/{demoAdmin}/grants/{demoGrant}")).ReadAsync(HttpStatusCode.NoContent);
        using var demoToken = _host.WithToken(_host.AccessToken("admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await demoToken.GetAsync("/api/people")).StatusCode);
        await (await demoToken.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        await (await admin.GetAsync("/api/people")).ReadAsync(HttpStatusCode.OK);
        // Disabling changed the security stamp: the session opened before it is over (401, not a server error).
        Assert.Equal(HttpStatusCode.Unauthorized, (await demo.Client.GetAsync("/api/me")).StatusCode);
    }

    private static async Task<JsonNode> RefusedAsync(Task<HttpResponseMessage> call, HttpStatusCode status) => await (await call).ProblemAsync(status);

    private async Task<long> PersonIdAsync(string userName)
    {
        using var admin = _host.Admin();
        var people = await (await admin.GetAsync($"/api/people?q={userName}")).ReadAsync(HttpStatusCode.OK);
        return people.AsArray().Single(p => (string?)p!["userName"] == userName)!.Id();
    }

    private static async Task<long> GrantIdAsync(HttpClient admin, string url, string userName, string role)
    {
        var people = await (await admin.GetAsync(url)).ReadAsync(HttpStatusCode.OK);
        return people.AsArray().Single(p => (string?)p!["userName"] == userName)!["roles"]!.AsArray()
            .Single(r => ((string)r!["grant"]!).Split(';')[0] == role)!.Id();
    }

    private async Task<(long Lead, long Member)> SchoolsAsync()
    {
        using var admin = _host.Admin();
        var schools = (await (await admin.GetAsync("/api/alliances/1/schools")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var lead = schools.Single(s => (bool)s!["isLead"]!)!.Id();
        var member = schools.Where(s => !(bool)s!["isLead"]!).Select(s => s!.Id()).Min();
        return (lead, member);
    }
}
