using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Classroom.Server.Tests.Deployment;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// The way in for a new county: `classroom admin create` on the data folder prints a one-time link;
/// the link's code sets a password once and signs the district admin in. A server started without
/// --seed-demo has no account and no alliance.
/// </summary>
public sealed class BootstrapTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("classroom-boot-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); }
        catch (IOException) { /* SQLite may still hold a file on a slow shutdown */ }
    }

    [Fact]
    public async Task The_admin_create_verb_prints_a_one_time_link_that_sets_the_first_password()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { ServerProcess.ServerDll, "admin", "create", "boss", "--data", _data, "--contentRoot", ServerProcess.ContentRoot }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);
        var link = (await stdout).Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/enrol.html#code=", StringComparison.Ordinal));
        var code = link[(link.IndexOf("#code=", StringComparison.Ordinal) + 6)..];

        using var host = new SchedulerHost(dataFolder: _data, seedDemo: false);
        var browser = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var session = await (await browser.GetAsync("/api/auth/session")).ReadAsync(HttpStatusCode.OK);
        Assert.False((bool)session["signedIn"]!);
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", (string)session["csrf"]!);
        Assert.Empty((await (await host.Admin().GetAsync("/api/alliances")).ReadAsync(HttpStatusCode.OK)).AsArray());

        await (await browser.PostAsJsonAsync("/api/auth/enrol", new { code, password = "short" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await browser.PostAsJsonAsync("/api/auth/enrol", new { code, password = "county-2026-boss" })).ReadAsync(HttpStatusCode.OK);
        var me = await (await browser.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("boss", (string?)me["userName"]);
        Assert.Equal("district-admin", (string?)me["grants"]![0]!["role"]);
        // Signed in now: the antiforgery token is bound to the person, so the page fetches a fresh one.
        browser.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", (string)(await (await browser.GetAsync("/api/auth/session")).ReadAsync(HttpStatusCode.OK))["csrf"]!);
        await (await browser.PostAsJsonAsync("/api/auth/enrol", new { code, password = "county-2026-again" })).ProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Erasing_a_student_through_the_api_reaches_the_roster_and_is_audited()
    {
        using var host = new SchedulerHost(dataFolder: _data);
        var admin = host.Admin();
        var roster = (await (await admin.GetAsync("/api/classrooms/1/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var student = roster[0]!;
        var room = await (await admin.GetAsync("/api/classrooms/1")).ReadAsync(HttpStatusCode.OK);
        var school = (long)room["schoolId"]!;

        // A school admin of another school may not erase this school's student.
        var other = host.WithToken(host.AccessToken("other-school-admin", new Classroom.Contracts.Access.Grant(Classroom.Contracts.Access.AccountRole.SchoolAdmin, 1, school + 1)));
        await (await other.PostAsJsonAsync($"/api/schools/{school}/students/erase", new { schoolStudentId = (string)student["schoolStudentId"]!, displayName = (string)student["displayName"]! }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(roster.Count, (await (await admin.GetAsync("/api/classrooms/1/roster")).ReadAsync(HttpStatusCode.OK)).AsArray().Count);

        // The student's own sign-in account (user name = the school's student id) goes too.
        var studentId = (string)student["schoolStudentId"]!;
        var studentToken = host.AccessToken(studentId, new Classroom.Contracts.Access.Grant(Classroom.Contracts.Access.AccountRole.Student, 1, school, 1));
        var studentSubject = (string)(await (await host.WithToken(studentToken).GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK))["subject"]!;
        var revocations = host.Services.GetRequiredService<Classroom.Contracts.Access.Revocations>();
        Assert.False(revocations.IsRevoked(studentSubject, null, null, host.Clock.GetUtcNow()));

        var counts = await (await admin.PostAsJsonAsync($"/api/schools/{school}/students/erase",
            new { schoolStudentId = (string)student["schoolStudentId"]!, displayName = (string)student["displayName"]! })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)counts.AsObject().First(kv => kv.Key.Contains("roster", StringComparison.Ordinal)).Value!);
        Assert.Equal(1, (int)counts["identity.students"]!);
        await (await host.WithToken(studentToken).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        // As when an account is deleted in the console: the join tokens the student holds are refused and what they opened closes.
        Assert.True(revocations.IsRevoked(studentSubject, null, null, host.Clock.GetUtcNow()));
        var after = (await (await admin.GetAsync("/api/classrooms/1/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(roster.Count - 1, after.Count);
        Assert.DoesNotContain(after, s => (string?)s!["schoolStudentId"] == (string?)student["schoolStudentId"]);
        var audit = (await (await admin.GetAsync("/api/audit?action=student.erase")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(audit, a => ((string)a!["target"]!).Contains((string)student["schoolStudentId"]!, StringComparison.Ordinal));
    }
}
