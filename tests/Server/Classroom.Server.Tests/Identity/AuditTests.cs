using System.Net;
using System.Text.Json.Nodes;
using Classroom.Identity.Api;
using Classroom.Identity.Store;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// The audit log (docs/access.md "Audit") on a real socket, so the client address is the
/// connection's as the forwarded-headers middleware leaves it: refusals of state changes,
/// an admin's change with their subject, a roster read, and who may read or export the log.
/// </summary>
public sealed class AuditTests : IDisposable
{
    private readonly SchedulerHost _host = new();
    private readonly string _baseUrl;

    public AuditTests() => _baseUrl = _host.StartOnLoopback();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task An_anonymous_delete_is_refused_and_audited_with_the_client_address_and_an_anonymous_read_is_not()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        // Loopback is the default known proxy (the nginx on this machine), so its X-Forwarded-For names the client.
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/alliances/1");
        delete.Headers.Add("X-Forwarded-For", "203.0.113.41");
        var refused = await (await anonymous.SendAsync(delete)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", (string?)refused["code"]);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/alliances/1");
        read.Headers.Add("X-Forwarded-For", "203.0.113.41");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(read)).StatusCode);

        using var admin = _host.Admin();
        var rows = await AuditAsync(admin, "?subject=anonymous");
        var row = Assert.Single(rows, r => (string?)r["clientAddress"] == "203.0.113.41");
        Assert.Equal("DELETE /api/alliances/{id:long}", (string?)row["action"]);
        Assert.Equal("Refused", (string?)row["outcome"]);
        Assert.Equal(401, (int)row["status"]!);
        Assert.Equal("anonymous", (string?)row["subject"]);
        Assert.Contains("id=1", (string?)row["target"], StringComparison.Ordinal);
        await (await admin.GetAsync("/api/alliances/1")).ReadAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admins_delete_of_an_alliance_is_a_succeeded_row_with_their_subject()
    {
        using var admin = _host.Admin();
        var subject = (string)(await (await admin.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK))["subject"]!;
        Assert.Matches("^person:[0-9]+$", subject);
        var alliance = await (await admin.PostJsonAsync("/api/alliances", new { name = "审计联盟", timeZone = "Asia/Shanghai" })).ReadAsync(HttpStatusCode.Created);

        var deleted = await admin.DeleteAsync($"/api/alliances/{alliance.Id()}");
        Assert.True(deleted.IsSuccessStatusCode, $"{(int)deleted.StatusCode}");

        var rows = await AuditAsync(admin, $"?action=DELETE&target=id={alliance.Id()}");
        var row = Assert.Single(rows, r => (string?)r["target"] == $"id={alliance.Id()}");
        Assert.Equal("DELETE /api/alliances/{id:long}", (string?)row["action"]);
        Assert.Equal("Succeeded", (string?)row["outcome"]);
        Assert.Equal(subject, (string?)row["subject"]);
        Assert.Equal((int)deleted.StatusCode, (int)row["status"]!);
        Assert.Contains("district-admin", (string?)row["scope"], StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", (string?)row["clientAddress"]);
    }

    [Fact]
    public async Task Reading_a_roster_writes_a_roster_read_row()
    {
        using var admin = _host.Admin();
        var week = await admin.CurrentWeekAsync();
        var classroomId = (long)week["pairings"]!.AsArray().First()!["classroomId"]!;
        Assert.Empty(await AuditAsync(admin, $"?action=roster.read&target=classroom:{classroomId}"));

        await (await admin.GetAsync($"/api/classrooms/{classroomId}/roster")).ReadAsync(HttpStatusCode.OK);

        var row = Assert.Single(await AuditAsync(admin, $"?action=roster.read&target=classroom:{classroomId}"));
        Assert.Equal($"classroom:{classroomId}", (string?)row["target"]);
        Assert.Equal("Succeeded", (string?)row["outcome"]);
        Assert.StartsWith("person:", (string?)row["subject"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditor_reads_and_exports_the_log_and_a_school_admin_is_refused()
    {
        using var admin = _host.Admin();
        var created = await (await admin.PostJsonAsync("/api/people", new
        {
            userName = "shenji", displayName = "审计员", grants = new[] { new { role = "auditor" } },
        })).ReadAsync(HttpStatusCode.Created);
        var link = (string)created["enrolmentLink"]!;
        using var auditor = await PageSession.OpenAsync(_host);
        await (await auditor.PostAsync("/api/auth/enrol", new { code = link[(link.IndexOf("#code=", StringComparison.Ordinal) + 6)..], password = "audit-2026-x" }))
            .ReadAsync(HttpStatusCode.OK);
        await auditor.RefreshAsync();

        var rows = (await (await auditor.Client.GetAsync("/api/audit")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(rows, r => (string?)r!["action"] == "POST /api/people" && (string?)r["outcome"] == "Succeeded");
        var csv = await auditor.Client.GetAsync("/api/audit?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("at,subject,name,scope,client,action,target,outcome,status", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",POST /api/people,", text, StringComparison.Ordinal);
        // Reading the log is itself audited.
        var own = await AuditAsync(admin, "?action=audit.");
        Assert.Contains(own, r => (string?)r["action"] == "audit.read" && (string?)r["name"] == "审计员");
        Assert.Contains(own, r => (string?)r["action"] == "audit.export" && (string?)r["name"] == "审计员");

        using var school = _host.WithToken(_host.AccessToken("school"));
        var refused = await (await school.GetAsync("/api/audit")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", (string?)refused["code"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.GetAsync("/api/audit?format=csv")).StatusCode);
        // A signed-in caller's refused read is audited (anonymous ones are not).
        Assert.Contains(await AuditAsync(admin, "?action=GET /api/audit"), r => (string?)r["outcome"] == "Refused" && (int)r["status"]! == 403);
    }

    /// <summary>The log is paged like the people and recordings lists (docs/admin-paging.md): 1-based, newest first, the total of all matches in X-Total-Count, bad values a localized problem.</summary>
    [Fact]
    public async Task The_log_is_paged_from_one_with_the_total_of_all_matches()
    {
        using var admin = _host.Admin();
        for (var i = 0; i < 5; i++)
            await (await admin.PostJsonAsync("/api/alliances", new { name = $"分页联盟{i}", timeZone = "Asia/Shanghai" })).ReadAsync(HttpStatusCode.Created);

        var first = await admin.GetAsync("/api/audit?action=POST /api/alliances&pageSize=2");
        var firstRows = (await first.ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("5", Assert.Single(first.Headers.GetValues("X-Total-Count")));
        Assert.Equal(2, firstRows.Count);
        var third = await admin.GetAsync("/api/audit?action=POST /api/alliances&pageSize=2&page=3");
        var thirdRows = (await third.ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("5", Assert.Single(third.Headers.GetValues("X-Total-Count")));
        // Newest first: page 1 holds the two latest rows, page 3 the oldest one.
        Assert.Single(thirdRows);
        Assert.True((long)firstRows[0]!["id"]! > (long)firstRows[1]!["id"]! && (long)firstRows[1]!["id"]! > (long)thirdRows[0]!["id"]!);
        var past = await admin.GetAsync("/api/audit?action=POST /api/alliances&pageSize=2&page=9");
        Assert.Empty((await past.ReadAsync(HttpStatusCode.OK)).AsArray());
        Assert.Equal("5", Assert.Single(past.Headers.GetValues("X-Total-Count")));

        var zero = await (await admin.GetAsync("/api/audit?page=0")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid", (string?)zero["code"]);
        Assert.Contains("页码", (string?)zero["detail"], StringComparison.Ordinal);
        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/audit?pageSize=201");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var big = await (await admin.SendAsync(english)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The page size must be between 1 and 200.", (string?)big["detail"]);
        // The export is not paged: every match in one file.
        var csv = await (await admin.GetAsync("/api/audit?format=csv&action=POST /api/alliances")).Content.ReadAsStringAsync();
        Assert.Equal(6, csv.TrimEnd('\n').Split('\n').Length);
    }

    /// <summary>Counting is bounded so a read of years of log stays cheap: past 10 000 matches the total says so (X-Total-Capped) instead of counting on.</summary>
    [Fact]
    public async Task The_total_stops_counting_at_ten_thousand_and_says_so()
    {
        using (var scope = _host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
            db.Audit.AddRange(Enumerable.Range(0, AuditEndpoints.MaxCounted + 5).Select(i => new AuditEntry
            {
                AtUtcTicks = 638_000_000_000_000_000 + i, Subject = "person:999", Name = "批量", Scope = "district-admin", ClientAddress = "127.0.0.1",
                Action = "bulk.test", Target = $"n={i}", Outcome = "Succeeded", Status = 200,
            }));
            await db.SaveChangesAsync();
        }

        using var admin = _host.Admin();
        var many = await admin.GetAsync("/api/audit?action=bulk.test&pageSize=10");
        Assert.Equal(10, (await many.ReadAsync(HttpStatusCode.OK)).AsArray().Count);
        Assert.Equal("10000", Assert.Single(many.Headers.GetValues("X-Total-Count")));
        Assert.Equal("true", Assert.Single(many.Headers.GetValues("X-Total-Capped")));
        // A narrower search is counted exactly.
        var few = await admin.GetAsync("/api/audit?action=bulk.test&target=n=1000");
        Assert.Equal("6", Assert.Single(few.Headers.GetValues("X-Total-Count"))); // n=1000 and n=10000 … n=10004
        Assert.False(few.Headers.Contains("X-Total-Capped"));
    }

    private static async Task<List<JsonNode>> AuditAsync(HttpClient admin, string query) =>
        [.. (await (await admin.GetAsync("/api/audit" + query)).ReadAsync(HttpStatusCode.OK)).AsArray().Select(r => r!)];
}
