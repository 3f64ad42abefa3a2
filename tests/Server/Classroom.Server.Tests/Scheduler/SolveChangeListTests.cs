using System.Net;
using System.Text.Json.Nodes;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// GET /api/alliances/{id}/solve-runs/{runId}/changes: which pairings a solve added and removed, and
/// why each removed one went — after deleting a lead lesson and after a room stops asking for a
/// subject (docs/admin-solve.md). The lists agree with the run's counts.
/// </summary>
public sealed class SolveChangeListTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private static async Task<JsonNode> ChangesAsync(HttpClient client, long alliance, JsonNode week, string query = "") =>
        await (await client.GetAsync($"/api/alliances/{alliance}/solve-runs/{(long)week["solveRunId"]!}/changes{query}")).ReadAsync(HttpStatusCode.OK);

    private static List<JsonNode> Items(JsonNode changes, string kind) =>
        changes["items"]!.AsArray().Select(i => i!).Where(i => (string?)i["kind"] == kind).ToList();

    private static HashSet<string> Keys(JsonNode week, Func<JsonNode, bool>? where = null) =>
        week["pairings"]!.AsArray().Select(p => p!).Where(where ?? (_ => true)).Select(p => $"{p["lessonId"]} {p["classroomId"]}").ToHashSet();

    [Fact]
    public async Task A_first_solve_lists_every_pairing_as_added_with_its_names()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var week = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);

        var changes = await ChangesAsync(admin, id, week);
        var covered = (int)week["stats"]!["covered"]!;
        Assert.True((bool)changes["recorded"]!);
        Assert.False((bool)changes["truncated"]!);
        Assert.Equal((covered, 0, covered), ((int)changes["added"]!, (int)changes["removed"]!, (int)changes["listed"]!));
        Assert.Empty(Items(changes, "removed"));
        var added = Items(changes, "added");
        Assert.Equal(Keys(week), added.Select(a => $"{a["lessonId"]} {a["classroomId"]}").ToHashSet());
        var music = added.First(a => (string?)a["subject"] == "音乐");
        Assert.Equal("王芳", (string?)music["teacherName"]);
        Assert.Equal("城关一小", (string?)music["leadSchoolName"]);
        Assert.Equal("4年级1班", (string?)music["classroomName"]);
        Assert.Contains((string?)music["schoolName"], new[] { "河湾村小学", "石桥村小学" });
        Assert.Null(music["reason"]);

        // An unchanged re-solve changes nothing and lists nothing.
        var again = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        var none = await ChangesAsync(admin, id, again);
        Assert.Equal((0, 0, 0), ((int)none["added"]!, (int)none["removed"]!, none["items"]!.AsArray().Count));
    }

    [Fact]
    public async Task Deleting_a_lead_lesson_lists_its_pairings_as_removed_because_the_lesson_was_deleted()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var first = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        var lesson = first["pairings"]!.AsArray().Where(p => (string?)p!["subject"] == "美术").Min(p => (long)p!["leadLessonId"]!);
        var itsPairings = Keys(first, p => (long)p["leadLessonId"]! == lesson);
        Assert.NotEmpty(itsPairings);

        await (await admin.DeleteAsync($"/api/lead-lessons/{lesson}")).ReadAsync(HttpStatusCode.NoContent);
        var second = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        var changes = await ChangesAsync(admin, id, second);

        var removed = Items(changes, "removed");
        var stats = second["stats"]!;
        Assert.Equal((int)stats["moved"]! + (int)stats["droppedNotOccurring"]!, removed.Count);
        Assert.Equal((int)stats["added"]!, Items(changes, "added").Count);
        Assert.Equal(itsPairings, removed.Select(r => $"{r["lessonId"]} {r["classroomId"]}").ToHashSet());
        Assert.All(removed, r =>
        {
            Assert.Equal("lesson_deleted", (string?)r["reason"]);
            Assert.Equal("主讲课已删除", (string?)r["reasonText"]);
            Assert.Equal("美术", (string?)r["subject"]); // from the room's demand: the lesson is gone
            Assert.Null(r["teacherName"]);
            Assert.Equal("4年级1班", (string?)r["classroomName"]);
        });
        // Added pairings are in the new week and were not there before.
        Assert.All(Items(changes, "added"), a => Assert.DoesNotContain($"{a["lessonId"]} {a["classroomId"]}", Keys(first)));
    }

    [Fact]
    public async Task A_room_that_stops_asking_for_a_subject_loses_those_pairings_because_its_demand_changed()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var first = await admin.SolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        var art = first["pairings"]!.AsArray().Select(p => p!).First(p => (string?)p["subject"] == "美术");
        var room = (long)art["classroomId"]!;
        var roomArt = Keys(first, p => (long)p["classroomId"]! == room && (string?)p["subject"] == "美术");
        var demands = await (await admin.GetAsync($"/api/classrooms/{room}/demands")).ReadAsync(HttpStatusCode.OK);
        var demand = demands.AsArray().Select(d => d!).Single(d => (string?)d["subject"] == "美术");
        await (await admin.DeleteAsync($"/api/demands/{demand.Id()}")).ReadAsync(HttpStatusCode.NoContent);

        var second = await admin.SolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        var english = _host.Admin();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var changes = await ChangesAsync(english, id, second);
        var removed = Items(changes, "removed").Where(r => (long)r["classroomId"]! == room).ToList();
        Assert.Equal(roomArt, removed.Select(r => $"{r["lessonId"]} {r["classroomId"]}").ToHashSet());
        Assert.All(removed, r =>
        {
            Assert.Equal("demand_changed", (string?)r["reason"]);
            Assert.Equal("The room no longer asks for this subject and grade", (string?)r["reasonText"]);
            Assert.Equal("李静", (string?)r["teacherName"]); // the lesson still exists
        });
        Assert.Equal((int)second["stats"]!["moved"]! + (int)second["stats"]!["droppedNotOccurring"]!, (int)changes["removed"]!);
    }

    [Fact]
    public async Task Pages_are_bounded_and_refusals_are_in_the_callers_language()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var week = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        var all = await ChangesAsync(admin, id, week);
        var page = await ChangesAsync(admin, id, week, "?offset=1&limit=2");
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Equal(all["items"]![1]!.ToJsonString(), page["items"]![0]!.ToJsonString());
        Assert.Equal((int)all["listed"]!, (int)page["listed"]!);

        var run = (long)week["solveRunId"]!;
        var tooMany = await (await admin.GetAsync($"/api/alliances/{id}/solve-runs/{run}/changes?limit=501")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("limit 须在 1 到 500 之间。", (string?)tooMany["detail"]);
        var english = _host.Admin();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var negative = await (await english.GetAsync($"/api/alliances/{id}/solve-runs/{run}/changes?offset=-1")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("offset must not be negative.", (string?)negative["detail"]);
        var other = (await (await admin.PostJsonAsync("/api/alliances", new { name = "另一个联盟" })).ReadAsync(HttpStatusCode.Created)).Id();
        var otherAlliance = await (await english.GetAsync($"/api/alliances/{other}/solve-runs/{run}/changes")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal($"Alliance {other} has no solve run {run}.", (string?)otherAlliance["detail"]);
        var missing = await (await admin.GetAsync($"/api/alliances/{id}/solve-runs/{run + 99}/changes")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal($"联盟 {id} 没有编号为 {run + 99} 的排课结果。", (string?)missing["detail"]);
    }
}
