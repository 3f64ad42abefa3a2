using System.Net;
using System.Text.Json.Nodes;
using Classroom.Contracts.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>The one-command start: the demo alliance is there and its current week is paired.</summary>
public sealed class DemoAllianceTests : IClassFixture<DemoAllianceTests.Host>, IDisposable
{
    public sealed class Host : IDisposable
    {
        public SchedulerHost Server { get; } = new();
        public void Dispose()
        {
            Server.Dispose();
            Server.DeleteData();
        }
    }

    private readonly SchedulerHost _host;

    public DemoAllianceTests(Host host) => _host = host.Server;

    public void Dispose() { }

    [Fact]
    public async Task Health_is_green_and_names_the_roles()
    {
        var health = await (await _host.CreateClient().GetAsync("/health")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", (string?)health["status"]);
        Assert.Equal("scheduler", (string?)health["roles"]);
    }

    [Fact]
    public async Task The_api_is_described_by_an_OpenAPI_document()
    {
        var doc = await (await _host.CreateClient().GetAsync("/openapi/v1.json")).ReadAsync(HttpStatusCode.OK);
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/alliances/{id}/solve", paths);
        Assert.Contains("/api/alliances/{id}/import/{kind}", paths);
        Assert.Contains("/api/lessons/{lessonId}", paths);
    }

    [Fact]
    public async Task The_current_week_of_the_demo_alliance_is_paired_and_every_gap_is_explained()
    {
        var admin = _host.Admin();
        var alliances = (await (await admin.GetAsync("/api/alliances")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var id = Assert.Single(alliances)!.Id();

        var week = await admin.CurrentWeekAsync(id);
        Assert.Equal("2026-11-23", (string?)week["from"]);
        Assert.Equal("2026-11-29", (string?)week["to"]);
        var pairings = week["pairings"]!.AsArray();
        Assert.True(pairings.Count >= 20, $"only {pairings.Count} pairings");
        Assert.All(pairings, p => Assert.StartsWith("L", (string?)p!["lessonId"], StringComparison.Ordinal));
        var stats = week["stats"]!;
        Assert.True((int)stats["covered"]! <= (int)stats["upperBound"]!);
        Assert.Equal(pairings.Count, (int)stats["covered"]!);
        var uncovered = week["uncovered"]!.AsArray();
        var missing = uncovered.Sum(u => (int)u!["missing"]!);
        Assert.Equal((int)stats["demanded"]! - (int)stats["covered"]!, missing);
        Assert.All(uncovered, u =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)u!["reason"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)u["reasonText"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)u["detail"]));
        });

        // Asking again returns the stored week, not a new solve.
        var again = await admin.CurrentWeekAsync(id);
        Assert.Equal((long)week["solveRunId"]!, (long)again["solveRunId"]!);
    }

    [Fact]
    public async Task Re_solving_an_unchanged_week_moves_no_pairing()
    {
        var admin = _host.Admin();
        var first = await admin.SolveAsync(1, "2026-11-30", "2026-12-06");
        var second = await admin.SolveAsync(1, "2026-11-30", "2026-12-06");
        Assert.Equal(Keys(first), Keys(second));
        Assert.Equal(0, (int)second["stats"]!["moved"]!);
        Assert.NotEqual((long)first["solveRunId"]!, (long)second["solveRunId"]!);

        static string[] Keys(JsonNode week) =>
            week["pairings"]!.AsArray().Select(p => $"{p!["lessonId"]}/{p["classroomId"]}").Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task The_admin_api_refuses_requests_without_an_admin_token()
    {
        var anonymous = await _host.CreateClient().GetAsync("/api/alliances");
        var problem = await anonymous.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", (string?)problem["code"]);

        var forged = await _host.WithToken("eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.e30.AAAA").GetAsync("/api/alliances");
        await forged.ProblemAsync(HttpStatusCode.Unauthorized);

        var week = await _host.Admin().CurrentWeekAsync();
        var lessonId = (string)week["pairings"]![0]!["lessonId"]!;
        var classroomId = (long)week["pairings"]![0]!["classroomId"]!;
        var roomToken = await (await _host.Admin().PostJsonAsync($"/api/lessons/{lessonId}/tokens", new { role = "classroom", classroomId })).ReadAsync(HttpStatusCode.OK);
        // A lesson's join token is not a sign-in: it opens the lesson's media and hub, never the admin API.
        var asRoom = await _host.WithToken((string)roomToken["token"]!).GetAsync("/api/alliances");
        await asRoom.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var admin = _host.Admin();
        foreach (var url in new[] { "/api/alliances/999", "/api/schools/999", "/api/classrooms/999/roster", "/api/terms/999", "/api/alliances/999/pairings/current-week" })
        {
            var problem = await (await admin.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
            Assert.Contains("999", (string?)problem["detail"], StringComparison.Ordinal);
        }

        await (await _host.CreateClient().GetAsync("/api/lessons/L999-20261123")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.PostAsync("/api/lessons/not-a-lesson/join", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_answers_204_once_then_404_and_in_use_rows_are_kept()
    {
        var admin = _host.Admin();
        var school = (await (await admin.GetAsync("/api/alliances/1/schools")).ReadAsync(HttpStatusCode.OK)).AsArray().First(s => (bool)s!["isLead"]!)!.Id();
        var studio = (await (await admin.PostJsonAsync($"/api/schools/{school}/studios", new { name = "临时录播室" })).ReadAsync(HttpStatusCode.Created)).Id();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/studios/{studio}")).StatusCode);
        await (await admin.DeleteAsync($"/api/studios/{studio}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync("/api/demands/99999")).ProblemAsync(HttpStatusCode.NotFound);

        var used = (await (await admin.GetAsync($"/api/schools/{school}/studios")).ReadAsync(HttpStatusCode.OK)).AsArray()[0]!.Id();
        await (await admin.DeleteAsync($"/api/studios/{used}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, (await (await admin.GetAsync($"/api/schools/{school}/studios")).ReadAsync(HttpStatusCode.OK)).AsArray().Count);
    }

    [Fact]
    public async Task Join_tokens_are_scoped_to_their_lesson_and_the_key_lives_in_the_data_folder()
    {
        var week = await _host.Admin().CurrentWeekAsync();
        var pairings = week["pairings"]!.AsArray();
        var lessonId = (string)pairings[0]!["lessonId"]!;
        var other = (string)pairings.First(p => (string?)p!["lessonId"] != lessonId)!["lessonId"]!;
        var classroomId = (long)pairings[0]!["classroomId"]!;

        var issued = await (await _host.Admin().PostJsonAsync($"/api/lessons/{lessonId}/tokens", new { role = "classroom", classroomId })).ReadAsync(HttpStatusCode.OK);
        Assert.True(JoinTokenKeys.TryLoadPublic(_host.DataFolder, out var publicKey));
        using (publicKey)
        {
            Assert.True(JoinTokenCodec.TryValidate((string)issued["token"]!, publicKey!, _host.Clock.GetUtcNow(), out var claims, out _));
            Assert.Equal(lessonId, claims!.LessonId);
            Assert.Equal(classroomId, claims.ClassroomId);
            Assert.Equal(ClassroomRole.Classroom, claims.Role);
            Assert.False(claims.HasScope(JoinTokenScopes.Publish));
        }

        var room = _host.WithToken((string)issued["token"]!);
        var roster = await (await room.GetAsync($"/api/lessons/{lessonId}")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains(roster["rooms"]!.AsArray(), r => (long)r!["classroomId"]! == classroomId && (int)r["expectedHeadcount"]! > 0);
        await (await room.GetAsync($"/api/lessons/{other}")).ProblemAsync(HttpStatusCode.Forbidden);

        var notPaired = await _host.Admin().PostJsonAsync($"/api/lessons/{lessonId}/tokens", new { role = "classroom", classroomId = 99999 });
        Assert.Contains("classroomId", (await notPaired.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Only_the_lessons_teacher_brings_a_room_on_stage()
    {
        var week = await _host.Admin().CurrentWeekAsync();
        var first = week["pairings"]![0]!;
        var lessonId = (string)first["lessonId"]!;
        var classroomId = (long)first["classroomId"]!;
        var teacher = await (await _host.Admin().PostJsonAsync($"/api/lessons/{lessonId}/tokens", new { role = "teacher" })).ReadAsync(HttpStatusCode.OK);
        var room = await (await _host.Admin().PostJsonAsync($"/api/lessons/{lessonId}/tokens", new { role = "classroom", classroomId })).ReadAsync(HttpStatusCode.OK);

        var stage = await (await _host.WithToken((string)teacher["token"]!).PostJsonAsync($"/api/lessons/{lessonId}/stage-tokens", new { classroomId }))
            .ReadAsync(HttpStatusCode.Created);
        Assert.True(_host.Scoped(sp => sp.GetRequiredService<Classroom.Scheduler.Tokens.JoinTokenService>()).TryValidate((string)stage["token"]!, out var claims, out _));
        Assert.True(claims!.HasScope(JoinTokenScopes.Publish));
        Assert.Equal(classroomId, claims.ClassroomId);
        Assert.True(claims.ExpiresAt <= _host.Clock.GetUtcNow().AddMinutes(15).AddSeconds(1));

        await (await _host.WithToken((string)room["token"]!).PostJsonAsync($"/api/lessons/{lessonId}/stage-tokens", new { classroomId }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await _host.CreateClient().PostJsonAsync($"/api/lessons/{lessonId}/stage-tokens", new { classroomId }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
