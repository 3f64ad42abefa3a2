using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// Imports never lose data silently (issue 12): a row that clashes with another row of the file
/// or with stored data is refused naming both, the whole file rolls back, every problem of the
/// file comes in one answer — one per cell, with row, column and a stable code — in the caller's
/// language (zh-CN by default, English on request). Every test runs in both languages.
/// </summary>
public sealed class ImportRulesTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private const string Schools = "学校代码,学校名称,是否主讲,带宽(Mbps)\nLEAD,城关一小,是,100\nV1,河湾村小学,否,20\nV2,石桥村小学,否,10\n";
    private const string Classrooms = "学校代码,年级,班级,座位数\nV1,4,4年级1班,30\nV1,5,5年级1班,30\nV2,4,4年级1班,25\n";
    private const string Bells =
        "学校代码,作息名称,星期,节次,开始,结束\n" +
        "LEAD,常规,周一,第3节,10:00,10:40\nLEAD,常规,周一,第5节,14:30,15:10\nLEAD,常规,周三,第3节,10:00,10:40\n" +
        "V1,常规,周一,第3节,10:05,10:45\nV1,常规,周三,第3节,10:05,10:45\n" +
        "V2,常规,周一,第3节,09:55,10:35\n";
    private const string Timetable = "学校代码,星期,节次,学科,年级,教师,录播室\nLEAD,周一,第3节,音乐,4,王芳,录播室一\nLEAD,周一,第5节,美术,5,李静,录播室一\n";

    private sealed record Caller(HttpClient Client, bool English)
    {
        public string Pick(string zh, string en) => English ? en : zh;
    }

    /// <summary>An alliance built from the base files; the client speaks zh-CN, English by header, or English by ?lang=en.</summary>
    private async Task<(Caller Caller, long Alliance)> AllianceAsync(string lang)
    {
        var admin = _host.Admin();
        if (lang != "default") admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(lang);
        var id = (await (await admin.PostJsonAsync("/api/alliances", new { name = "测试联盟" })).ReadAsync(HttpStatusCode.Created)).Id();
        var caller = new Caller(admin, lang.StartsWith("en", StringComparison.Ordinal));
        foreach (var (kind, csv) in new[] { ("schools", Schools), ("classrooms", Classrooms), ("bell-schedules", Bells), ("timetable", Timetable) })
            await ImportAsync(caller, id, kind, csv);
        return (caller, id);
    }

    private static async Task<JsonNode> ImportAsync(Caller caller, long id, string kind, string csv) =>
        await (await caller.Client.PostAsync($"/api/alliances/{id}/import/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"))).ReadAsync(HttpStatusCode.OK);

    private static async Task<JsonArray> RefusedAsync(Caller caller, long id, string kind, string csv)
    {
        var problem = await (await caller.Client.PostAsync($"/api/alliances/{id}/import/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid", (string?)problem["code"]);
        Assert.Contains(caller.Pick("未作任何更改", "Nothing was changed"), (string?)problem["detail"], StringComparison.Ordinal);
        var issues = problem["issues"]!.AsArray();

        // The "errors" map holds the same problems, one message per cell.
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(issues.Count, errors.Sum(e => e.Value!.AsArray().Count));
        Assert.All(errors, e => Assert.Single(e.Value!.AsArray()));
        return issues;
    }

    private static JsonNode Issue(JsonArray issues, int row, string column) =>
        Assert.Single(issues, i => (int?)i!["row"] == row && (string?)i["column"] == column)!;

    private async Task<string> LessonsAsync(Caller caller, long id) =>
        string.Join("; ", (await (await caller.Client.GetAsync($"/api/alliances/{id}/lead-lessons")).ReadAsync(HttpStatusCode.OK)).AsArray()
            .Select(l => $"{l!["weekday"]} {l["periodName"]} {l["subject"]} {l["grade"]} {l["teacherId"]} {l["studioId"]}").Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("default")]
    [InlineData("en")]
    public async Task A_second_lesson_in_the_same_studio_slot_of_one_file_is_refused_naming_both_rows(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);
        var before = await LessonsAsync(caller, id);

        var issues = await RefusedAsync(caller, id, "timetable",
            "学校代码,星期,节次,学科,年级,教师,录播室\nLEAD,周三,第3节,音乐,4,王芳,录播室一\nLEAD,周三,第3节,科学,6,赵刚,录播室一\n");

        var issue = Issue(issues, 3, "studio");
        Assert.Equal("duplicate_row", (string?)issue["code"]);
        Assert.Equal(2, (int?)issue["otherRow"]);
        Assert.Equal("录播室", (string?)issue["header"]);
        Assert.Contains(caller.Pick("第 2 行", "row 2"), (string?)issue["message"], StringComparison.Ordinal);
        Assert.Single(issues);
        Assert.Equal(before, await LessonsAsync(caller, id));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_row_for_a_stored_slot_with_another_subject_is_refused_and_a_new_teacher_for_the_same_lesson_is_an_update(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);
        var before = await LessonsAsync(caller, id);

        var issues = await RefusedAsync(caller, id, "timetable", "学校代码,星期,节次,学科,年级,教师,录播室\nLEAD,周一,第3节,美术,5,李静,录播室一\n");
        var issue = Issue(issues, 2, "subject");
        Assert.Equal("slot_taken", (string?)issue["code"]);
        Assert.Contains("音乐", (string?)issue["message"], StringComparison.Ordinal);
        Assert.Contains("王芳", (string?)issue["message"], StringComparison.Ordinal);
        Assert.Contains(caller.Pick("已有已存的课", "already has a stored lesson"), (string?)issue["message"], StringComparison.Ordinal);
        Assert.Equal(before, await LessonsAsync(caller, id));

        // The same lesson with a substitute teacher is what an update means; the unchanged row says so.
        var result = await ImportAsync(caller, id, "timetable", "学校代码,星期,节次,学科,年级,教师,录播室\nLEAD,周一,第3节,音乐,4,赵老师,录播室一\nLEAD,周一,第5节,美术,5,李静,录播室一\n");
        Assert.Equal((0, 1, 1), ((int)result["created"]!, (int)result["updated"]!, (int)result["unchanged"]!));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_teacher_in_two_studios_at_once_is_refused_against_the_file_and_the_stored_timetable_but_a_swap_is_not(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);

        var issues = await RefusedAsync(caller, id, "timetable",
            "学校代码,星期,节次,学科,年级,教师,录播室\nLEAD,周一,第3节,科学,6,王芳,录播室二\nLEAD,周三,第3节,音乐,4,李静,录播室一\nLEAD,周三,第3节,美术,5,李静,录播室二\n");
        var stored = Issue(issues, 2, "teacher");
        Assert.Equal("teacher_busy", (string?)stored["code"]);
        Assert.Contains(caller.Pick("已存", "stored lesson"), (string?)stored["message"], StringComparison.Ordinal);
        var inFile = Issue(issues, 4, "teacher");
        Assert.Equal(3, (int?)inFile["otherRow"]);
        Assert.Equal(2, issues.Count);

        // Two stored lessons of one slot trading teachers: judged on the timetable after the import, nobody is double-booked.
        await ImportAsync(caller, id, "timetable", "学校代码,星期,节次,学科,年级,教师,录播室\nLEAD,周三,第3节,音乐,4,李静,录播室一\nLEAD,周三,第3节,美术,5,王芳,录播室二\n");
        var swapped = await ImportAsync(caller, id, "timetable", "学校代码,星期,节次,学科,年级,教师,录播室\nLEAD,周三,第3节,音乐,4,王芳,录播室一\nLEAD,周三,第3节,美术,5,李静,录播室二\n");
        Assert.Equal(2, (int)swapped["updated"]!);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_bad_cell_gets_exactly_one_message(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);

        var issues = await RefusedAsync(caller, id, "classrooms", "学校代码,年级,className,座位数\nV1,三年级,3年级1班,30\nV1,3,,30\nV2,4,4年级2班,很多\n");

        var grade = Issue(issues, 2, "grade");
        Assert.Equal("invalid_grades", (string?)grade["code"]);
        Assert.Equal(caller.Pick("“三年级”不是年级：填 1 到 12 的整数，复式班用逗号或顿号分隔（如 3、4）。",
            "'三年级' is not a grade: a whole number 1 to 12, or several for a mixed-grade room separated by commas (e.g. 3,4)."), (string?)grade["message"]);
        var name = Issue(issues, 3, "class_name");
        Assert.Equal("required", (string?)name["code"]);
        Assert.Equal("className", (string?)name["header"]);
        Assert.Equal("not_integer", (string?)Issue(issues, 4, "seats")["code"]);
        Assert.Equal(3, issues.Count);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Every_problem_of_a_bell_schedule_file_comes_in_one_answer_overlaps_included(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);

        var issues = await RefusedAsync(caller, id, "bell-schedules",
            "学校代码,作息名称,星期,节次,开始,结束\n" +
            "V2,新作息,周一,第1节,08:00,08:40\n" +
            "V2,新作息,周一,第2节,08:30,09:10\n" +     // overlaps row 2
            "V2,新作息,周一,第3节,10:00,9:61\n" +      // not a time
            "V2,新作息,周一,第1节,11:00,11:40\n" +     // 第1节 twice on Monday
            "NOPE,常规,周一,第1节,08:00,08:40\n");

        var overlap = Issue(issues, 3, "start");
        Assert.Equal("period_overlap", (string?)overlap["code"]);
        Assert.Equal(2, (int?)overlap["otherRow"]);
        Assert.Contains(caller.Pick("第 2 行", "row 2"), (string?)overlap["message"], StringComparison.Ordinal);
        Assert.Equal("not_time", (string?)Issue(issues, 4, "end")["code"]);
        Assert.Equal("duplicate_row", (string?)Issue(issues, 5, "period")["code"]);
        Assert.Equal("unknown_school", (string?)Issue(issues, 6, "school_code")["code"]);
        Assert.Equal(4, issues.Count);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Demand_for_a_period_the_school_does_not_ring_is_refused(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);

        var issues = await RefusedAsync(caller, id, "demands",
            "学校代码,班级,学科,每周节数,可上课节次\nV1,4年级1班,音乐,2,周一 第五节; 周三 第3节; 周五 第9节\nV1,5年级1班,美术,1,周一 第3节\nV1,5年级1班,美术,2,周三 第3节\n");

        var unknown = Issue(issues, 2, "periods");
        Assert.Equal("unknown_period", (string?)unknown["code"]);
        var message = (string)unknown["message"]!;
        Assert.Contains("第五节", message, StringComparison.Ordinal);
        Assert.Contains("第9节", message, StringComparison.Ordinal);
        Assert.DoesNotContain("第3节", message, StringComparison.Ordinal);
        Assert.Contains(caller.Pick("周五", "Friday"), message, StringComparison.Ordinal);
        var twice = Issue(issues, 4, "subject");
        Assert.Equal("duplicate_row", (string?)twice["code"]);
        Assert.Equal(3, (int?)twice["otherRow"]);
        Assert.Equal(2, issues.Count);

        var ok = await ImportAsync(caller, id, "demands", "学校代码,班级,学科,每周节数,可上课节次\nV1,4年级1班,音乐,2,周一 第3节; 周三 第3节\n");
        Assert.Equal(1, (int)ok["created"]!);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_school_code_twice_and_a_second_lead_school_are_refused_naming_the_other_row_or_the_stored_school(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);

        var issues = await RefusedAsync(caller, id, "schools",
            "学校代码,学校名称,是否主讲,带宽(Mbps)\nV3,新村小学,否,10\nv3,新村小学二部,否,10\nV4,镇中心校,是,100\nV5,某校,也许,10\n");

        Assert.Equal(2, (int?)Issue(issues, 3, "school_code")["otherRow"]);
        var lead = Issue(issues, 4, "is_lead");
        Assert.Equal("second_lead", (string?)lead["code"]);
        Assert.Contains("LEAD", (string?)lead["message"], StringComparison.Ordinal);
        Assert.Equal("not_yes_no", (string?)Issue(issues, 5, "is_lead")["code"]);
        Assert.Equal(3, issues.Count);
        Assert.Equal(3, (await (await caller.Client.GetAsync($"/api/alliances/{id}/schools")).ReadAsync(HttpStatusCode.OK)).AsArray().Count);

        var same = await ImportAsync(caller, id, "schools", Schools);
        Assert.Equal(3, (int)same["unchanged"]!);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_student_on_another_class_roster_is_a_clash_not_a_second_entry(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);
        await ImportAsync(caller, id, "rosters", "学校代码,班级,学号,姓名\nV1,4年级1班,S001,张三\n");

        var issues = await RefusedAsync(caller, id, "rosters", "学校代码,班级,学号,姓名\nV1,5年级1班,S002,李四\nV1,5年级1班,S001,张三\n");

        var issue = Issue(issues, 3, "student_id");
        Assert.Equal("student_in_other_class", (string?)issue["code"]);
        Assert.Contains("4年级1班", (string?)issue["message"], StringComparison.Ordinal);
        Assert.Single(issues);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_term_calendar_imports_with_holidays_and_make_up_days_and_a_bad_one_lists_every_problem(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);
        const string Term =
            "学期,开学日期,学期结束,日期,类型,按星期,备注\n" +
            "2026秋,2026-09-01,2027-01-22,2026-10-01,放假,,国庆节\n" +
            "2026秋,,,2026-10-02,放假,,国庆节\n" +
            "2026秋,,,2026-09-27,调休,周五,国庆调休\n" +
            "2026秋,,,2026-10-10,调休,周一,\n";

        var created = await ImportAsync(caller, id, "terms", Term);
        Assert.Equal((1, 0), ((int)created["created"]!, (int)created["updated"]!));
        var term = Assert.Single((await (await caller.Client.GetAsync($"/api/alliances/{id}/terms")).ReadAsync(HttpStatusCode.OK)).AsArray())!;
        Assert.Equal("2027-01-22", (string?)term["lastDay"]);
        Assert.Equal(
            ["2026-09-27 MakeUp Friday", "2026-10-01 Holiday ", "2026-10-02 Holiday ", "2026-10-10 MakeUp Monday"],
            term["specialDays"]!.AsArray().Select(d => $"{d!["date"]} {d["kind"]} {d["followsWeekday"]}"));
        Assert.Equal(1, (int)(await ImportAsync(caller, id, "terms", Term))["unchanged"]!);

        var issues = await RefusedAsync(caller, id, "terms",
            "学期,开学日期,学期结束,日期,类型,按星期\n" +
            "2027春,2027-01-15,2027-07-10,2027-02-20,调休,,\n" +   // overlaps the stored 2026秋; a Saturday make-up without a weekday
            "2027春,2027-02-01,,2027-08-01,放假,\n" +            // first day differs; the date is outside the term
            "2027春,,,2027-03-01,开会,\n");                      // not a kind of day
        Assert.Equal("differs_in_group", (string?)Issue(issues, 3, "first_day")["code"]);
        Assert.Equal("makeup_weekday", (string?)Issue(issues, 2, "follows_weekday")["code"]);
        Assert.Equal("outside_term", (string?)Issue(issues, 3, "date")["code"]);
        Assert.Equal("not_day_kind", (string?)Issue(issues, 4, "day_kind")["code"]);
        var overlap = Issue(issues, 2, "first_day");
        Assert.Equal("term_overlap", (string?)overlap["code"]);
        Assert.Equal(5, issues.Count);
        Assert.Contains("2026秋", (string?)overlap["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_season_recurs_every_year_by_month_and_day(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);
        const string Summer = "学校代码,作息名称,起始日期,截止日期,星期,节次,开始,结束\nLEAD,夏季,05-01,9月30日,周一,第3节,10:30,11:10\nLEAD,夏季,,,周一,第5节,15:00,15:40\n";

        Assert.Equal(1, (int)(await ImportAsync(caller, id, "bell-schedules", Summer))["created"]!);
        var lead = (await (await caller.Client.GetAsync($"/api/alliances/{id}/schools")).ReadAsync(HttpStatusCode.OK)).AsArray().First(s => (string?)s!["code"] == "LEAD")!.Id();
        var summer = (await (await caller.Client.GetAsync($"/api/schools/{lead}/bell-schedules")).ReadAsync(HttpStatusCode.OK)).AsArray().First(b => (string?)b!["name"] == "夏季")!;
        Assert.Equal(("05-01", "09-30"), ((string?)summer["seasonFrom"], (string?)summer["seasonTo"]));
        Assert.Null(summer["validFrom"]);
        Assert.Equal(1, (int)(await ImportAsync(caller, id, "bell-schedules", Summer))["unchanged"]!);

        var issues = await RefusedAsync(caller, id, "bell-schedules",
            "学校代码,作息名称,起始日期,截止日期,星期,节次,开始,结束\nLEAD,冬季,11-01,,周一,第3节,10:00,10:40\nLEAD,秋季,09-01,2026-10-31,周一,第3节,10:00,10:40\nLEAD,春季,02-29,05-31,周一,第3节,10:00,10:40\n");
        Assert.Equal("season_incomplete", (string?)Issue(issues, 2, "valid_from")["code"]);
        Assert.Equal("season_mixed", (string?)Issue(issues, 3, "valid_to")["code"]);
        Assert.Equal("not_date", (string?)Issue(issues, 4, "valid_from")["code"]);
        Assert.Equal(3, issues.Count);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_file_that_cannot_be_read_is_refused_in_the_callers_language(string lang)
    {
        var (caller, id) = await AllianceAsync(lang);

        var issues = await RefusedAsync(caller, id, "schools", "学校代码,学校名称,带宽\nV9,\"未结束,10\n");

        var issue = Assert.Single(issues)!;
        Assert.Equal("file_unreadable", (string?)issue["code"]);
        Assert.Null(issue["row"]);
        Assert.Equal(caller.Pick("文件无法读取：第 2 行：引号括起的字段没有结束。", "The file could not be read: Line 2: a quoted field is not closed."), (string?)issue["message"]);
    }

    [Fact]
    public async Task Lang_en_in_the_query_picks_English_over_the_header()
    {
        var (caller, id) = await AllianceAsync("zh-CN");
        var problem = await (await caller.Client.PostAsync($"/api/alliances/{id}/import/classrooms?lang=en",
            new StringContent("学校代码,年级,班级\nV1,三年级,3年级1班\n", Encoding.UTF8, "text/csv"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("'三年级' is not a grade: a whole number 1 to 12, or several for a mixed-grade room separated by commas (e.g. 3,4).", (string?)problem["issues"]![0]!["message"]);

        var missing = await (await caller.Client.PostAsync($"/api/alliances/{id}/import/classrooms", new StringContent("学校代码,班级\nV1,3年级1班\n", Encoding.UTF8, "text/csv")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("缺少“年级”列", (string?)missing["errors"]!["header"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_import_body_and_its_answers()
    {
        var doc = await (await _host.CreateClient().GetAsync("/openapi/v1.json")).ReadAsync(HttpStatusCode.OK);
        var post = doc["paths"]!["/api/alliances/{id}/import/{kind}"]!["post"]!;
        var content = post["requestBody"]!["content"]!.AsObject();
        Assert.Equal("binary", (string?)content["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]!["schema"]!["format"]);
        Assert.NotNull(content["text/csv"]);
        Assert.Equal("binary", (string?)content["multipart/form-data"]!["schema"]!["properties"]!["file"]!["format"]);
        var responses = post["responses"]!.AsObject();
        Assert.NotNull(responses["200"]!["content"]!["application/json"]);
        Assert.NotNull(responses["400"]!["content"]!["application/problem+json"]);
        Assert.True(responses.ContainsKey("413") && responses.ContainsKey("415"));
    }
}
