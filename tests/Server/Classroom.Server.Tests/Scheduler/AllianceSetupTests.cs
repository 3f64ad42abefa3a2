using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// An admin builds an alliance from nothing, as the API and the spreadsheets allow, runs the
/// pairing and reads feeds; bad input is refused with problem details naming the field or row
/// and leaves stored data untouched; everything survives a restart.
/// </summary>
public sealed class AllianceSetupTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private static HttpContent Csv(string text) => new StringContent(text, Encoding.UTF8, "text/csv");

    private async Task<long> AllianceAsync(HttpClient admin) =>
        (await (await admin.PostJsonAsync("/api/alliances", new { name = "测试联盟" })).ReadAsync(HttpStatusCode.Created)).Id();

    private async Task ImportAsync(HttpClient admin, long id, string kind, string csv) =>
        await (await admin.PostAsync($"/api/alliances/{id}/import/{kind}", Csv(csv))).ReadAsync(HttpStatusCode.OK);

    private const string Schools = "学校代码,学校名称,是否主讲,带宽(Mbps)\nLEAD,城关一小,是,100\nV1,河湾村小学,否,20\nV2,石桥村小学,否,10\n";
    private const string Classrooms = "学校代码,年级,班级,座位数\nV1,4,4年级1班,30\nV2,4,4年级1班,25\nV2,5,5年级1班,25\n";
    private const string Bells =
        "学校代码,作息名称,星期,节次,开始,结束\n" +
        "LEAD,冬季,周一,第3节,10:00,10:40\nLEAD,冬季,周三,第3节,10:00,10:40\nLEAD,冬季,周三,第5节,14:30,15:10\n" +
        "V1,常规,周一,第3节,10:05,10:45\nV1,常规,周三,第3节,10:05,10:45\nV1,常规,周三,第5节,14:35,15:15\n" +
        "V2,常规,周一,第3节,09:55,10:35\nV2,常规,周三,第3节,10:20,11:00\nV2,常规,周三,第5节,14:30,15:10\n";
    private const string Timetable =
        "学校代码,星期,节次,学科,年级,教师,录播室,码率\n" +
        "LEAD,周一,第3节,音乐,4,王芳,录播室一,2\nLEAD,周三,第3节,音乐,4,王芳,录播室一,2\nLEAD,周三,第5节,美术,5,李静,录播室二,2\n";
    private const string Demands =
        "学校代码,班级,学科,每周节数,可上课节次\n" +
        "V1,4年级1班,音乐,2,周一 第3节; 周三 第3节\nV2,4年级1班,音乐,2,周一 第3节; 周三 第3节\nV2,5年级1班,美术,1,周三 第5节\n";
    private const string Rosters = "学校代码,班级,学号,姓名\nV1,4年级1班,V1001,张三\nV1,4年级1班,V1002,李四\nV2,5年级1班,V2001,王五\n";

    private async Task<long> BuildAsync(HttpClient admin)
    {
        var id = await AllianceAsync(admin);
        await ImportAsync(admin, id, "schools", Schools);
        await ImportAsync(admin, id, "classrooms", Classrooms);
        await ImportAsync(admin, id, "bell-schedules", Bells);
        await ImportAsync(admin, id, "timetable", Timetable);
        await ImportAsync(admin, id, "demands", Demands);
        await ImportAsync(admin, id, "rosters", Rosters);
        await (await admin.PostJsonAsync($"/api/alliances/{id}/terms", new
        {
            name = "2026秋", firstDay = "2026-09-01", lastDay = "2027-01-22",
            specialDays = new object[] { new { date = "2026-11-25", kind = "Holiday", note = "运动会" }, new { date = "2026-11-28", kind = "MakeUp", followsWeekday = "Wednesday" } },
        })).ReadAsync(HttpStatusCode.Created);
        return id;
    }

    [Fact]
    public async Task Spreadsheets_and_a_term_give_explained_pairings_feeds_and_exports()
    {
        var admin = _host.Admin();
        var id = await BuildAsync(admin);
        var result = await admin.SolveAsync(id, "2026-11-23", "2026-11-29");
        var pairings = result["pairings"]!.AsArray();

        // Wednesday 11/25 is a holiday, Saturday 11/28 follows Wednesday: music on Mon 11/23 and Sat 11/28.
        // V2's Wednesday 第3节 starts 20 minutes late (50 % overlap), so V2 4年级 gets only Monday.
        string[] Pairs(JsonArray p) => p.Select(x => $"{x!["date"]} {x["schoolName"]} {x["classroomName"]} {x["subject"]}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["2026-11-23 河湾村小学 4年级1班 音乐", "2026-11-23 石桥村小学 4年级1班 音乐", "2026-11-28 河湾村小学 4年级1班 音乐", "2026-11-28 石桥村小学 5年级1班 美术"],
            Pairs(pairings));
        var unmet = Assert.Single(result["uncovered"]!.AsArray())!;
        Assert.Equal("石桥村小学", (string?)unmet["schoolName"]);
        Assert.Equal(1, (int)unmet["missing"]!);
        Assert.Equal("NotEnoughLessons", (string?)unmet["reason"]);

        // Feeds: the music teacher's calendar in Shanghai time, at the link an admin's key reset answers.
        var teachers = (await (await admin.GetAsync($"/api/schools/{(await SchoolIdAsync(admin, id, "LEAD"))}/teachers")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var music = (long)teachers.First(t => (string?)t!["name"] == "王芳")!["id"]!;
        var feedUrl = (string)(await (await admin.PostAsync($"/api/teachers/{music}/feed-key", null)).ReadAsync(HttpStatusCode.OK))["feedUrl"]!;
        var feed = await _host.CreateClient().GetAsync(feedUrl);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var ics = await feed.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Asia/Shanghai:20261123T100000", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Asia/Shanghai:20261128T100000", ics, StringComparison.Ordinal);
        Assert.Equal(2, ics.Split("BEGIN:VEVENT").Length - 1);
        await (await _host.CreateClient().GetAsync(feedUrl[..^4] + "0000")).ProblemAsync(HttpStatusCode.NotFound);

        // CSV export opens in Chinese Excel (BOM) and names the rooms.
        var csv = await admin.GetAsync($"/api/alliances/{id}/pairings.csv?from=2026-11-23&to=2026-11-29");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("2026-11-28,10:00,10:40,音乐,4,王芳,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_enrolled_classroom_pc_gets_the_lesson_it_has_now_and_a_revoked_one_gets_nothing()
    {
        var admin = _host.Admin();
        var id = await BuildAsync(admin);
        await admin.SolveAsync(id, "2026-11-23", "2026-11-29");
        var rooms = (await (await admin.GetAsync($"/api/schools/{await SchoolIdAsync(admin, id, "V1")}/classrooms")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var kiosk = (string)(await (await admin.PostAsync($"/api/classrooms/{(long)rooms[0]!["id"]!}/kiosk-key", null)).ReadAsync(HttpStatusCode.OK))["kioskUrl"]!;

        // The old fixed link only opens the kiosk page (the pairing screen until the PC is enrolled).
        var redirect = await _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(kiosk);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/vue/kiosk.html", redirect.Headers.Location?.ToString());
        await (await _host.CreateClient().GetAsync("/api/device/lesson")).ProblemAsync(HttpStatusCode.Unauthorized);

        var device = _host.WithToken(_host.DeviceCredential((long)rooms[0]!["id"]!));

        // 08:00 Shanghai: nothing yet, music at 10:05 is next.
        var early = await (await device.GetAsync("/api/device/lesson")).ReadAsync(HttpStatusCode.OK);
        Assert.Null(early["current"]);
        Assert.Equal("L1-20261123", (string?)early["next"]!["lessonId"]);

        // 09:55: within ten minutes of the lead lesson (10:00) the room gets a token for it.
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 1, 55, 0, TimeSpan.Zero));
        var now = await (await device.GetAsync("/api/device/lesson")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("L1-20261123", (string?)now["current"]!["lessonId"]);
        var token = (string)now["current"]!["token"]!;
        var roster = await (await _host.WithToken(token).GetAsync("/api/lessons/L1-20261123")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("王芳", (string?)roster["teacherName"]);
        Assert.Contains(roster["rooms"]!.AsArray(), r => (string?)r!["classroomName"] == "4年级1班" && (int)r["expectedHeadcount"]! == 2);
        Assert.Equal("L2-20261128", (string?)now["next"]!["lessonId"]);

        // The same PC may ask for its join token directly; another room's lesson it may not.
        var joined = await (await device.PostAsync("/api/lessons/L1-20261123/join", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("classroom", (string?)joined["role"]);

        // Revoked one by one: its next request is refused.
        var me = await (await device.GetAsync("/api/device")).ReadAsync(HttpStatusCode.OK);
        var schoolId = (long)me["schoolId"]!;
        var devices = (await (await admin.GetAsync($"/api/schools/{schoolId}/devices")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Single(devices);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/devices/{me.Id()}")).StatusCode);
        await (await device.GetAsync("/api/device/lesson")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_named_and_nothing_changes()
    {
        var admin = _host.Admin();
        var id = await BuildAsync(admin);
        var lead = await SchoolIdAsync(admin, id, "LEAD");

        var duplicate = await (await admin.PostJsonAsync($"/api/alliances/{id}/schools", new { name = "x", code = "V1", linkMbps = 5 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(duplicate["errors"]!.AsObject().ContainsKey("code"));

        var overlapping = await (await admin.PostJsonAsync($"/api/schools/{lead}/bell-schedules", new
        {
            name = "bad", periods = new object[] { new { weekday = "Monday", name = "1", start = "08:00", end = "08:45" }, new { weekday = "Monday", name = "2", start = "08:40", end = "09:20" } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(overlapping["errors"]!.AsObject().ContainsKey("periods[1].start"));

        var inverted = await (await admin.PostJsonAsync($"/api/schools/{lead}/bell-schedules", new
        {
            name = "bad", periods = new object[] { new { weekday = "Monday", name = "1", start = "09:00", end = "08:00" } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(inverted["errors"]!.AsObject().ContainsKey("periods[0].end"));

        var noDays = await (await admin.PostJsonAsync($"/api/alliances/{id}/terms", new { name = "x", firstDay = "2027-03-01", lastDay = "2027-02-01" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(noDays["errors"]!.AsObject().ContainsKey("lastDay"));
        var weekendOnly = await (await admin.PostJsonAsync($"/api/alliances/{id}/terms", new { name = "x", firstDay = "2027-03-06", lastDay = "2027-03-07" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("没有上课日", (string?)weekendOnly["errors"]!["firstDay"]![0], StringComparison.Ordinal);

        var malformedJson = await admin.PostAsync($"/api/alliances/{id}/schools", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));
        Assert.True(malformedJson.StatusCode == HttpStatusCode.BadRequest, await malformedJson.Content.ReadAsStringAsync());

        // One bad row (inverted period on row 4) and one unknown school (row 5): the whole file is refused.
        var before = await (await admin.GetAsync($"/api/schools/{lead}/bell-schedules")).ReadAsync(HttpStatusCode.OK);
        var bad = await (await admin.PostAsync($"/api/alliances/{id}/import/bell-schedules", Csv(
            "学校代码,作息名称,星期,节次,开始,结束\nLEAD,冬季,周一,第3节,10:00,10:40\nLEAD,冬季,周二,第1节,8:00,8:40\nLEAD,冬季,周二,第2节,9:40,9:00\nNOPE,常规,周一,第1节,8:00,8:40\n"))).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("row 4: end"), string.Join(", ", errors.Select(e => e.Key)));
        Assert.True(errors.ContainsKey("row 5: school_code"));
        var after = await (await admin.GetAsync($"/api/schools/{lead}/bell-schedules")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());

        var missingColumn = await (await admin.PostAsync($"/api/alliances/{id}/import/rosters", Csv("学校代码,班级,姓名\nV1,4年级1班,张三\n"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(missingColumn["errors"]!.AsObject().ContainsKey("header"));

        var duplicateStudent = await (await admin.PostAsync($"/api/alliances/{id}/import/rosters", Csv("学校代码,班级,学号,姓名\nV1,4年级1班,X1,甲\nV1,4年级1班,X1,乙\n"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(duplicateStudent["errors"]!.AsObject().ContainsKey("row 3: student_id"));
        var roomId = (long)(await (await admin.GetAsync($"/api/schools/{await SchoolIdAsync(admin, id, "V1")}/classrooms")).ReadAsync(HttpStatusCode.OK))[0]!["id"]!;
        Assert.Equal(2, (await (await admin.GetAsync($"/api/classrooms/{roomId}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray().Count);

        var wrongType = await admin.PostAsync($"/api/alliances/{id}/import/schools", new StringContent("<xml/>", Encoding.UTF8, "application/xml"));
        await wrongType.ProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var huge = new ByteArrayContent(new byte[250_000]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await (await admin.PostAsync($"/api/alliances/{id}/import/schools", huge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var hugeJson = new StringContent("{\"name\":\"" + new string('x', 70_000) + "\"}", Encoding.UTF8, "application/json");
        await (await admin.PostAsync("/api/alliances", hugeJson)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        await (await admin.PostAsync($"/api/alliances/{id}/import/nonsense", Csv("a\n1\n"))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_xlsx_roster_imports_and_re_importing_updates_instead_of_duplicating()
    {
        var admin = _host.Admin();
        var id = await BuildAsync(admin);
        var workbook = Classroom.Contracts.Export.Xlsx.Write("名单", [["学校代码", "班级", "学号", "姓名"], ["V2", "4年级1班", "V2101", "赵六"], ["V2", "4年级1班", "V2102", "钱七"]]);
        var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var first = await (await admin.PostAsync($"/api/alliances/{id}/import/rosters", content)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)first["created"]!);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("学校代码,班级,学号,姓名\nV2,4年级1班,V2101,赵小六\n"));
        form.Add(file, "file", "roster.csv");
        var second = await (await admin.PostAsync($"/api/alliances/{id}/import/rosters", form)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)second["created"]!);
        Assert.Equal(1, (int)second["updated"]!);

        var roomId = (long)(await (await admin.GetAsync($"/api/schools/{await SchoolIdAsync(admin, id, "V2")}/classrooms")).ReadAsync(HttpStatusCode.OK))
            .AsArray().First(r => (string?)r!["className"] == "4年级1班")!["id"]!;
        var roster = (await (await admin.GetAsync($"/api/classrooms/{roomId}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["V2101 赵小六", "V2102 钱七"], roster.Select(r => $"{r!["schoolStudentId"]} {r["displayName"]}"));
    }

    [Fact]
    public async Task Everything_survives_a_restart_and_old_tokens_stay_valid()
    {
        var admin = _host.Admin();
        var id = await BuildAsync(admin);
        var solved = await admin.SolveAsync(id, "2026-11-23", "2026-11-29");
        var token = (string)(await (await admin.PostJsonAsync("/api/lessons/L1-20261123/tokens", new { role = "teacher" })).ReadAsync(HttpStatusCode.OK))["token"]!;
        _host.Dispose();

        using var again = new SchedulerHost(_host.DataFolder, seedDemo: false);
        var stored = await (await again.Admin().GetAsync($"/api/alliances/{id}/pairings?from=2026-11-23&to=2026-11-29")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(solved["pairings"]!.ToJsonString(), stored["pairings"]!.ToJsonString());
        Assert.Equal(3, (await (await again.Admin().GetAsync($"/api/alliances/{id}/schools")).ReadAsync(HttpStatusCode.OK)).AsArray().Count);
        var roster = await (await again.WithToken(token).GetAsync("/api/lessons/L1-20261123")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(2, roster["rooms"]!.AsArray().Count);
    }

    private static async Task<long> SchoolIdAsync(HttpClient admin, long allianceId, string code) =>
        (await (await admin.GetAsync($"/api/alliances/{allianceId}/schools")).ReadAsync(HttpStatusCode.OK)).AsArray()
            .First(s => (string?)s!["code"] == code)!.Id();
}
