using System.Net;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Identity;
using Classroom.Scheduler.Data;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The paging contract of the admin console's long lists (docs/admin-paging.md): GET people (county,
/// alliance, school) and GET /api/recordings take page (1-based) and pageSize (bounded), apply the
/// search and filters before paging, order stably, and say the total in X-Total-Count; the body is
/// the plain list every client already reads. A school admin still sees only their school; a bad
/// page or page size is an RFC 9457 problem in the caller's language.
/// </summary>
public sealed class AdminPagingApiTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private static int Total(HttpResponseMessage response) => int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(JsonArray Rows, int Total)> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var rows = (await response.ReadAsync(HttpStatusCode.OK)).AsArray();
        return (rows, Total(response));
    }

    private (long Alliance, long School, long OtherSchool) DemoSchools() => _host.Scoped(sp =>
    {
        var schools = sp.GetRequiredService<SchedulerDbContext>().Schools.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.AllianceId }).ToList();
        var first = schools[0];
        var other = schools.First(s => s.Id != first.Id && s.AllianceId == first.AllianceId);
        return (first.AllianceId, first.Id, other.Id);
    });

    [Fact]
    public async Task People_are_paged_by_the_server_with_their_total_the_search_first_and_a_school_admin_kept_to_their_school()
    {
        var (alliance, school, otherSchool) = DemoSchools();
        // 300 people, one per school of a 300-school district; every tenth is bound to the demo school.
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
            for (var i = 1; i <= 300; i++)
            {
                var grant = i % 10 == 0 ? new Grant(AccountRole.SchoolAdmin, alliance, school) : new Grant(AccountRole.SchoolAdmin, alliance, 10_000 + i);
                var (created, result) = await accounts.CreateAsync($"paging.{i:D3}", $"分页测试{i:D3}", [grant], password: null, CancellationToken.None);
                Assert.True(created is not null, string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }

        var admin = _host.Admin();
        // Page 1 of 15, the total of every match, ids ascending; the pages together are every match once.
        var (first, total) = await PageAsync(admin, "/api/people?q=分页测试&page=1&pageSize=20");
        Assert.Equal(300, total);
        Assert.Equal(20, first.Count);
        Assert.Equal("分页测试001", (string)first[0]!["displayName"]!);
        var seen = new List<long>();
        for (var page = 1; page <= 15; page++)
        {
            var (rows, pageTotal) = await PageAsync(admin, $"/api/people?q=分页测试&page={page}&pageSize=20");
            Assert.Equal(300, pageTotal);
            Assert.Equal(20, rows.Count);
            seen.AddRange(rows.Select(r => (long)r!["id"]!));
        }

        Assert.Equal(300, seen.Distinct().Count());
        Assert.Equal(seen.Order(), seen);
        var (beyond, beyondTotal) = await PageAsync(admin, "/api/people?q=分页测试&page=16&pageSize=20");
        Assert.Empty(beyond);
        Assert.Equal(300, beyondTotal);

        // The search narrows the total before paging: 分页测试01x is ten people, pages of 4, 4 and 2.
        var counts = new List<int>();
        for (var p = 1; p <= 3; p++) counts.Add((await PageAsync(admin, $"/api/people?q=分页测试01&page={p}&pageSize=4")).Rows.Count);
        Assert.Equal(new[] { 4, 4, 2 }, counts);
        Assert.Equal(10, (await PageAsync(admin, "/api/people?q=分页测试01&pageSize=4")).Total);

        // Without paging parameters: the first 500 (the old cap), with the total.
        var (all, allTotal) = await PageAsync(admin, "/api/people");
        Assert.True(allTotal > 300, $"total {allTotal}");
        Assert.Equal(Math.Min(500, allTotal), all.Count);

        // The alliance's list pages the same way.
        Assert.Equal(300, (await PageAsync(admin, $"/api/alliances/{alliance}/people?q=分页测试&page=2&pageSize=50")).Total);

        // A school admin: their school's people only (30 of the 300), paged; other schools and the county refused.
        var schoolAdmin = _host.WithToken(_host.AccessToken("paging-school-admin", new Grant(AccountRole.SchoolAdmin, alliance, school)));
        var (mine, mineTotal) = await PageAsync(schoolAdmin, $"/api/schools/{school}/people?q=分页测试&page=2&pageSize=20");
        Assert.Equal(30, mineTotal);
        Assert.Equal(10, mine.Count);
        Assert.All(mine, r => Assert.EndsWith("0", (string)r!["displayName"]!, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolAdmin.GetAsync($"/api/schools/{otherSchool}/people?page=1&pageSize=20")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolAdmin.GetAsync($"/api/schools/{otherSchool}/people?pageSize=0")).StatusCode); // refused before its parameters are read
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolAdmin.GetAsync("/api/people?page=1&pageSize=20")).StatusCode);
    }

    [Theory]
    [InlineData(null, "每页条数")]
    [InlineData("en", "page size")]
    public async Task A_bad_page_or_page_size_is_a_problem_in_the_callers_language(string? lang, string words)
    {
        var (_, school, _) = DemoSchools();
        var admin = _host.Admin();
        if (lang is not null) admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(lang);
        foreach (var url in new[] { "/api/people?pageSize=0", "/api/people?pageSize=501", $"/api/schools/{school}/people?pageSize=-3", "/api/recordings?pageSize=201", "/api/recordings?pageSize=0" })
        {
            var problem = await (await admin.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(words, (string)problem["detail"]!, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("invalid", (string)problem["code"]!);
        }

        foreach (var url in new[] { "/api/people?page=0", "/api/recordings?page=-1" })
        {
            var problem = await (await admin.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(lang is null ? "页码" : "page number", (string)problem["detail"]!, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/people?page=two")).StatusCode);
    }

    /// <summary>Student accounts are minors' data: a people page that shows one is an audited read; a page of staff only is not.</summary>
    [Fact]
    public async Task A_people_page_that_shows_a_student_is_an_audited_read()
    {
        var (alliance, school, _) = DemoSchools();
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
            var (student, result) = await accounts.CreateAsync("paging.student", "分页学生", [new Grant(AccountRole.Student, alliance, school, 1)], password: null, CancellationToken.None);
            Assert.True(student is not null, string.Join(" ", result.Errors.Select(e => e.Description)));
            var (staff, staffResult) = await accounts.CreateAsync("paging.staff", "分页教务", [new Grant(AccountRole.SchoolAdmin, alliance, school)], password: null, CancellationToken.None);
            Assert.True(staff is not null, string.Join(" ", staffResult.Errors.Select(e => e.Description)));
        }

        var admin = _host.Admin();
        var auditor = _host.WithToken(_host.AccessToken("paging-auditor", new Grant(AccountRole.Auditor)));
        async Task<int> ReadsAsync()
        {
            var rows = JsonNode.Parse(await auditor.GetStringAsync("/api/audit?action=people.read"))!.AsArray();
            return rows.Count(r => ((string?)r!["target"])?.StartsWith($"school:{school}", StringComparison.Ordinal) == true);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/schools/{school}/people?q=分页教务")).StatusCode);
        Assert.Equal(0, await ReadsAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/schools/{school}/people?q=分页学生")).StatusCode);
        Assert.Equal(1, await ReadsAsync());
    }

    [Fact]
    public async Task Recordings_are_paged_newest_first_with_the_search_and_alliance_applied_first_and_a_school_admin_sees_their_schools_only()
    {
        var (alliance, school, otherSchool) = DemoSchools();
        var start = _host.Clock.GetUtcNow().AddDays(-10).ToUnixTimeMilliseconds();
        await using (var db = await _host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            // 45 recordings: every third at the school (15), every fifth calligraphy (9), four of another alliance.
            for (var i = 1; i <= 45; i++)
            {
                var here = i % 3 == 0;
                var id = $"rec-page-{i:D2}";
                db.Recordings.Add(new RecordingRecord
                {
                    Id = id, LessonId = $"lesson-page-{i:D2}", RosterKnown = true, AllianceId = !here && i >= 40 ? alliance + 1000 : alliance,
                    LeadSchoolId = here ? school : otherSchool, Subject = i % 5 == 0 ? "书法" : "数学", TeacherName = $"教师{i}",
                    State = RecordingStates.Finished, StartedAtMs = start + i * 60_000, EndedAtMs = start + i * 60_000 + 40 * 60_000, DurationMs = 40 * 60_000,
                });
                db.RecordingRooms.Add(new RecordingRoomRecord { RecordingId = id, ClassroomId = 900_000 + i, ClassroomName = $"{i}班", SchoolId = here ? school : otherSchool, SchoolName = here ? "分页小学" : "别的小学" });
            }

            await db.SaveChangesAsync();
        }

        var admin = _host.Admin();
        var ids = new List<string>();
        foreach (var (page, count) in new[] { (1, 20), (2, 20), (3, 5), (4, 0) })
        {
            var (rows, total) = await PageAsync(admin, $"/api/recordings?page={page}&pageSize=20");
            Assert.Equal(45, total);
            Assert.Equal(count, rows.Count);
            ids.AddRange(rows.Select(r => (string)r!["id"]!));
        }

        Assert.Equal(Enumerable.Range(1, 45).Reverse().Select(i => $"rec-page-{i:D2}"), ids); // newest first, each once

        // Search (subject, teacher, room's school) and the alliance, before paging.
        var (calligraphy, calligraphyTotal) = await PageAsync(admin, "/api/recordings?q=书法&page=2&pageSize=5");
        Assert.Equal(9, calligraphyTotal);
        Assert.Equal(4, calligraphy.Count);
        Assert.Equal(15, (await PageAsync(admin, "/api/recordings?q=分页小学&pageSize=5")).Total);
        Assert.Equal(41, (await PageAsync(admin, $"/api/recordings?allianceId={alliance}&pageSize=5")).Total);
        Assert.Equal(45, (await PageAsync(admin, "/api/recordings")).Rows.Count); // no parameters: the first 200 (the old cap)

        // A school admin: the school's 15 only, paged, searched.
        var schoolAdmin = _host.WithToken(_host.AccessToken("paging-rec-school-admin", new Grant(AccountRole.SchoolAdmin, alliance, school)));
        var (mine, mineTotal) = await PageAsync(schoolAdmin, "/api/recordings?page=2&pageSize=10");
        Assert.Equal(15, mineTotal);
        Assert.Equal(5, mine.Count);
        Assert.All(mine, r => Assert.Equal(school, (long)r!["rooms"]![0]!["schoolId"]!));
        Assert.Equal(3, (await PageAsync(schoolAdmin, "/api/recordings?q=书法&pageSize=10")).Total); // 15, 30, 45
    }
}
