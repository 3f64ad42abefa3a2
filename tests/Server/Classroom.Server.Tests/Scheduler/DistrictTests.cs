using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// The district level on the real server: a county term alliances inherit (also one with its own
/// term inherits the county's holidays), the cross-alliance policy set by the district admin, the
/// district-wide solve that pairs a room with another alliance's lesson (an alliance alone is
/// refused while the policy reaches across), and a mixed-grade teaching-point room (复式班) that
/// takes a grade-3 and a grade-4 lesson, never two at once.
/// </summary>
public sealed class DistrictTests : IDisposable
{
    private const string Week = "2026-11-23", WeekEnd = "2026-11-29", NextWeek = "2026-11-30", NextWeekEnd = "2026-12-06";
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private static string Bells(params string[] schools)
    {
        var sb = new StringBuilder("学校代码,作息名称,星期,节次,开始,结束\n");
        foreach (var school in schools)
        {
            foreach (var day in new[] { "周一", "周二", "周三", "周四", "周五" }) sb.Append($"{school},常规,{day},第3节,10:00,10:40\n");
        }

        return sb.ToString();
    }

    private static async Task ImportAsync(HttpClient admin, long alliance, string kind, string csv) =>
        await (await admin.PostAsync($"/api/alliances/{alliance}/import/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"))).ReadAsync(HttpStatusCode.OK);

    /// <summary>Town alliance A teaches music (grade 4, Thursday) and art (grade 3, Monday); village alliance B has only a mixed-grade room that needs both.</summary>
    private static async Task<(long A, long B)> CountyAsync(HttpClient admin)
    {
        var a = (await (await admin.PostJsonAsync("/api/alliances", new { name = "城关联盟" })).ReadAsync(HttpStatusCode.Created)).Id();
        var b = (await (await admin.PostJsonAsync("/api/alliances", new { name = "河湾联盟" })).ReadAsync(HttpStatusCode.Created)).Id();
        await ImportAsync(admin, a, "schools", "学校代码,学校名称,是否主讲,带宽(Mbps)\nLEAD,城关一小,是,100\n");
        await ImportAsync(admin, a, "bell-schedules", Bells("LEAD"));
        await ImportAsync(admin, a, "timetable", "学校代码,星期,节次,学科,年级,教师,录播室,码率\nLEAD,周四,第3节,音乐,4,王芳,录播室一,2\nLEAD,周一,第3节,美术,3,李静,录播室二,2\n");
        await (await admin.PostJsonAsync($"/api/alliances/{a}/terms", new { name = "城关2026秋", firstDay = "2026-09-01", lastDay = "2027-01-22" })).ReadAsync(HttpStatusCode.Created);

        await ImportAsync(admin, b, "schools", "学校代码,学校名称,是否主讲,带宽(Mbps)\nTP1,石桥教学点,否,10\n");
        await ImportAsync(admin, b, "classrooms", "学校代码,年级,班级,座位数\nTP1,\"3,4\",复式班,12\n");
        await ImportAsync(admin, b, "bell-schedules", Bells("TP1"));
        await ImportAsync(admin, b, "demands", "学校代码,班级,学科,年级,每周节数,可上课节次\nTP1,复式班,音乐,4,1,周四 第3节\nTP1,复式班,美术,3,1,周一 第3节\n");
        return (a, b);
    }

    [Fact]
    public async Task A_room_takes_another_alliances_lesson_only_through_the_district_solve_and_its_policy()
    {
        var admin = _host.Admin();
        var (a, b) = await CountyAsync(admin);
        // The county's term (with a holiday on Monday 11-30) is B's calendar; A keeps its own term but inherits the holiday.
        await (await admin.PostJsonAsync("/api/district/terms", new
        {
            name = "全县2026秋", firstDay = "2026-09-01", lastDay = "2027-01-22",
            specialDays = new[] { new { date = NextWeek, kind = "Holiday", note = "县运动会" } },
        })).ReadAsync(HttpStatusCode.Created);

        // Own alliance only (the default): B's room has nothing to take, and says why.
        var alone = await admin.SolveAsync(b, Week, WeekEnd);
        Assert.Empty(alone["pairings"]!.AsArray());
        Assert.All(alone["uncovered"]!.AsArray(), u => Assert.Equal("NoMatchingLesson", (string)u!["reason"]!));

        // An alliance admin may not open the border; the district admin may.
        var bAdmin = _host.WithToken(_host.AccessToken("b-admin", new Grant(AccountRole.AllianceAdmin, AllianceId: b)));
        Assert.Equal(HttpStatusCode.Forbidden, (await bAdmin.PutAsJsonAsync($"/api/alliances/{b}/lesson-source", new { source = "county" })).StatusCode);
        var policy = await (await admin.PutAsJsonAsync($"/api/alliances/{b}/lesson-source", new { source = "listed", alliances = new[] { a } })).ReadAsync(HttpStatusCode.OK);
        Assert.True((bool)policy["districtSolveRequired"]!);
        Assert.Equal(a, (long)policy["entangledWith"]![0]!);
        var seen = await (await bAdmin.GetAsync($"/api/alliances/{b}/lesson-source")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("listed", (string)seen["source"]!);

        // Either alliance alone would break the other's capacity: refused, in the caller's language.
        foreach (var id in new[] { a, b })
        {
            var refused = await (await admin.PostJsonAsync($"/api/alliances/{id}/solve", new { from = Week, to = WeekEnd })).ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("district_solve_required", (string)refused["code"]!);
        }

        var english = await (await admin.PostJsonAsync($"/api/alliances/{b}/solve?lang=en", new { from = Week, to = WeekEnd })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("A district admin solves them together", (string)english["detail"]!, StringComparison.Ordinal);

        var job = await DistrictSolveAsync(admin, Week, WeekEnd);
        Assert.Equal(2, (int)job["covered"]!);
        Assert.Equal((int)job["upperBound"]!, (int)job["covered"]!);
        var bRun = job["alliances"]!.AsArray().Single(x => (long)x!["allianceId"]! == b)!;
        Assert.Equal(2, (int)bRun["stats"]!["added"]!);

        // B's pairings name A's lessons and teachers; the lesson's roster lists B's room.
        var week = await (await admin.GetAsync($"/api/alliances/{b}/pairings?from={Week}&to={WeekEnd}")).ReadAsync(HttpStatusCode.OK);
        var pairings = week["pairings"]!.AsArray().Select(p => p!).ToList();
        Assert.Equal(["美术", "音乐"], pairings.Select(p => (string)p["subject"]!).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(pairings, p => (string)p["teacherName"]! == "王芳" && (int)p["grade"]! == 4);
        Assert.Contains(pairings, p => (string)p["teacherName"]! == "李静" && (int)p["grade"]! == 3);
        var music = pairings.Single(p => (string)p["subject"]! == "音乐");
        var roster = await _host.Scoped(sp => sp.GetRequiredService<Classroom.Scheduler.Solving.LessonDirectory>().FindAsync((string)music["lessonId"]!, CancellationToken.None));
        Assert.Equal((long)music["classroomId"]!, Assert.Single(roster!.Rooms).ClassroomId);
        Assert.Equal(a, roster.AllianceId);

        // An unchanged district re-solve keeps everything; the county holiday on Monday 11-30 holds for A (own term) and B alike.
        var again = await DistrictSolveAsync(admin, Week, WeekEnd);
        Assert.Equal(0, (int)again["moved"]!);
        var next = await DistrictSolveAsync(admin, NextWeek, NextWeekEnd);
        var nextB = await (await admin.GetAsync($"/api/alliances/{b}/pairings?from={NextWeek}&to={NextWeekEnd}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(["音乐"], nextB["pairings"]!.AsArray().Select(p => (string)p!["subject"]!).ToArray());
        Assert.Equal(1, (int)next["covered"]!);
    }

    [Fact]
    public async Task A_mixed_grade_room_needs_a_grade_per_demand_and_the_import_says_so_in_both_languages()
    {
        var admin = _host.Admin();
        var (_, b) = await CountyAsync(admin);

        // District settings are what an alliance inherits where it sets nothing itself.
        var district = await (await admin.PutAsJsonAsync("/api/district", new { name = "示例县", minOverlapShare = 0.6, relayCapacityPerLesson = 40 })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(0.6, (double)district["inherited"]!["minOverlapShare"]!);
        await (await admin.PutAsJsonAsync($"/api/alliances/{b}/settings", new { relayCapacityPerLesson = 8 })).ReadAsync(HttpStatusCode.OK);
        var settings = await (await admin.GetAsync($"/api/alliances/{b}/settings")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(0.6, (double)settings["effective"]!["minOverlapShare"]!);
        Assert.Equal(8, (int)settings["effective"]!["relayCapacityPerLesson"]!);
        Assert.Equal(40, (int)settings["inherited"]!["relayCapacityPerLesson"]!);

        var bad = "学校代码,班级,学科,年级,每周节数,可上课节次\nTP1,复式班,科学,,1,周二 第3节\nTP1,复式班,书法,5,1,周二 第3节\n";
        var zh = await (await admin.PostAsync($"/api/alliances/{b}/import/demands", new StringContent(bad, Encoding.UTF8, "text/csv"))).ProblemAsync(HttpStatusCode.BadRequest);
        var text = zh.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("grade_required", text, StringComparison.Ordinal);
        Assert.Contains("是复式班", text, StringComparison.Ordinal);
        Assert.Contains("grade_not_in_room", text, StringComparison.Ordinal);
        var en = await (await admin.PostAsync($"/api/alliances/{b}/import/demands?lang=en", new StringContent(bad, Encoding.UTF8, "text/csv"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("is mixed-grade", en.ToJsonString(), StringComparison.Ordinal);

        var rooms = await (await admin.GetAsync($"/api/alliances/{b}/schools")).ReadAsync(HttpStatusCode.OK);
        var school = (long)rooms.AsArray()[0]!["id"]!;
        var room = (await (await admin.GetAsync($"/api/schools/{school}/classrooms")).ReadAsync(HttpStatusCode.OK)).AsArray()[0]!;
        Assert.Equal([3, 4], room["grades"]!.AsArray().Select(g => (int)g!).ToArray());
        var demands = (await (await admin.GetAsync($"/api/classrooms/{(long)room["id"]!}/demands")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal([3, 4], demands.Select(d => (int)d!["grade"]!).Order().ToArray()); // the bad file stored nothing
        var wrong = await (await admin.PostJsonAsync($"/api/classrooms/{(long)room["id"]!}/demands",
            new { subject = "科学", lessonsPerWeek = 1, periods = new[] { new { weekday = "Tuesday", periodName = "第3节" } } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("grade", wrong["errors"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> DistrictSolveAsync(HttpClient admin, string from, string to)
    {
        var response = await admin.PostJsonAsync("/api/district/solve", new { from, to });
        var job = await response.ReadAsync(HttpStatusCode.Accepted);
        Assert.Equal($"/api/district/solve/{job.Id()}", response.Headers.Location?.ToString());
        var done = await admin.PollAsync($"/api/district/solve/{job.Id()}", j => (string?)j["state"] is "succeeded" or "failed");
        Assert.True((string?)done["state"] == "succeeded", done.ToJsonString());
        return done;
    }
}
