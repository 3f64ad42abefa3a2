using System.Net;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Lead lessons of one date (make-up lessons, docs/admin-lead.md) in the API and the lead lessons
/// view, and the lesson plan endpoints' not-found problems in the caller's language. Real server
/// with the demo alliance (fake clock: Monday 2026-11-23; the demo term has a holiday on Wednesday
/// 2026-12-16 and a 调休 Saturday 2026-12-19 that follows Wednesday's timetable), real Chromium.
/// </summary>
public sealed class AdminLeadOneDatePageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";
    private const string DemoAlliance = "城关一小教育联盟 (演示)";
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_district_admin_creates_moves_and_deletes_a_make_up_lesson_of_one_date(string lang)
    {
        var en = lang == "en";
        string T(string zh, string english) => en ? english : zh;
        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}#leads");
        await PageBrowser.SignInAsync(page, "admin", Password, en);
        await Assertions.Expect(page.GetByTestId("alliance-select")).ToBeVisibleAsync(Visible);
        await ChooseAsync(page, "alliance-select", DemoAlliance);
        await page.Locator("[data-view=leads]").ClickAsync();
        var view = page.GetByTestId("lead-lessons");
        await Assertions.Expect(view.Locator("tbody tr")).ToHaveCountAsync(13, new() { Timeout = 30_000 });

        // New, "one date only": the holiday is refused by the server, under the date, in the page's language.
        await view.GetByTestId("create").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = T("新建主讲课", "New lead lesson") });
        await Assertions.Expect(dialog).ToBeVisibleAsync(Visible);
        await dialog.GetByLabel(T("科目", "Subject")).FillAsync("科学");
        await ChooseAsync(page, "field-repeat", T("只上一次", "One date only"));
        await Assertions.Expect(dialog.GetByTestId("field-period")).ToHaveCountAsync(0); // the weekday + period select gives way to date + period
        await dialog.GetByLabel(T("日期", "Date"), new() { Exact = true }).FillAsync("2026-12-16");
        await ChooseAsync(page, "field-period-name", "第1节");
        await ChooseAsync(page, "field-teacher", "陈丽");
        await ChooseAsync(page, "field-studio", "录播室二");
        await dialog.GetByTestId("save").ClickAsync();
        await Assertions.Expect(dialog.Locator(".el-form-item__error")).ToHaveTextAsync(
            T("2026-12-16 不是上课日（不在学期内、是节假日或周末）。", "2026-12-16 is not a school day (outside the term, a holiday or a weekend)."), new() { Timeout = 30_000 });

        // The 调休 Saturday: stored, following Wednesday's bells.
        await dialog.GetByLabel(T("日期", "Date"), new() { Exact = true }).FillAsync("2026-12-19");
        await dialog.GetByTestId("save").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(view.Locator("tbody tr")).ToHaveCountAsync(14, new() { Timeout = 30_000 });
        var row = view.Locator("tbody tr").Last; // one-date lessons come after the weekly ones
        await Assertions.Expect(row).ToContainTextAsync(T("2026-12-19（按周三课表） 第1节 08:00–08:40", "2026-12-19 (follows Wed) 第1节 08:00–08:40"));
        await Assertions.Expect(row).ToContainTextAsync("陈丽");
        var stored = await page.EvaluateAsync<string>("async () => { const a = (await (await fetch('/api/alliances')).json()).find(x => x.name.includes('演示')); return JSON.stringify((await (await fetch(`/api/alliances/${a.id}/lead-lessons`)).json()).filter(l => l.oneOffDate)); }");
        Assert.Contains("\"oneOffDate\":\"2026-12-19\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"weekday\":\"Wednesday\"", stored, StringComparison.Ordinal);
        await PageBrowser.ScreenshotAsync(page, $"admin-lead-one-date.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
        // Saving it queued a solve of its week; the notice says so and leads to that week's view.
        await Assertions.Expect(view.GetByTestId("lead-notice")).ToContainTextAsync(T("该课所在的周已开始重新排课。", "A new pairing of its week has started."));
        await view.GetByTestId("lead-open-week").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-view")).ToHaveAttributeAsync("data-from", "2026-12-14", new() { Timeout = 30_000 });
        await page.Locator("[data-view=leads]").ClickAsync();
        await Assertions.Expect(view.Locator("tbody tr")).ToHaveCountAsync(14, new() { Timeout = 30_000 });
        row = view.Locator("tbody tr").Last;

        // Edit: the dialog opens as "one date only" with its date; moved to Thursday 26 November, and found by its date.
        await row.GetByTestId("edit").ClickAsync();
        var edit = page.GetByRole(AriaRole.Dialog, new() { Name = T("编辑主讲课", "Edit lead lesson") });
        await Assertions.Expect(edit.GetByLabel(T("日期", "Date"), new() { Exact = true })).ToHaveValueAsync("2026-12-19", new() { Timeout = 30_000 });
        await Assertions.Expect(edit.GetByTestId("field-repeat")).ToContainTextAsync(T("只上一次", "One date only"));
        await PageBrowser.ScreenshotAsync(page, $"admin-lead-one-date-dialog.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
        await edit.GetByLabel(T("日期", "Date"), new() { Exact = true }).FillAsync("2026-11-26");
        await edit.GetByTestId("save").ClickAsync();
        await Assertions.Expect(edit).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await view.GetByTestId("search").FillAsync("2026-11-26");
        await Assertions.Expect(view.Locator("tbody tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(view.Locator("tbody tr").First).ToContainTextAsync(T("2026-11-26（按周四课表） 第1节", "2026-11-26 (follows Thu) 第1节"));

        // Deleted after the confirmation.
        await view.Locator("tbody tr").First.GetByTestId("delete").ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = T("确认删除", "Delete?") });
        await Assertions.Expect(confirm).ToContainTextAsync("2026-11-26");
        await confirm.GetByTestId("confirm-delete").ClickAsync();
        await Assertions.Expect(view.Locator("tbody tr")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await view.GetByTestId("search").FillAsync("");
        await Assertions.Expect(view.Locator("tbody tr")).ToHaveCountAsync(13);
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal) ||
            (l.StartsWith("error", StringComparison.Ordinal) && !l.Contains("status of 400", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task One_date_lessons_are_listed_checked_against_the_calendar_and_not_found_is_told_in_the_callers_language()
    {
        var admin = Host.Admin();
        var alliance = (long)(await (await admin.GetAsync("/api/alliances")).ReadAsync(HttpStatusCode.OK)).AsArray()[0]!["id"]!;
        var music = (await (await admin.GetAsync($"/api/alliances/{alliance}/lead-lessons")).ReadAsync(HttpStatusCode.OK)).AsArray()[0]!; // 音乐 3, 王芳, Monday 第3节
        object Once(string date, string period, string weekday = "Monday") => new
        {
            schoolId = (long)music["schoolId"]!, subject = "科学", grade = 4, teacherId = (long)music["teacherId"]!, studioId = (long)music["studioId"]!,
            weekday, periodName = period, bitrateMbps = 2.5, oneOffDate = date,
        };

        // The holiday, a date outside the term, a period the lead school does not have: 400 against the field, in the caller's language.
        var holiday = await (await admin.PostJsonAsync($"/api/alliances/{alliance}/lead-lessons", Once("2026-12-16", "第1节"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("2026-12-16 不是上课日（不在学期内、是节假日或周末）。", (string?)holiday["errors"]!["oneOffDate"]![0]);
        var outside = await (await admin.PostJsonAsync($"/api/alliances/{alliance}/lead-lessons?lang=en", Once("2027-08-02", "第1节"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("2027-08-02 is not a school day (outside the term, a holiday or a weekend).", (string?)outside["errors"]!["oneOffDate"]![0]);
        var period = await (await admin.PostJsonAsync($"/api/alliances/{alliance}/lead-lessons?lang=en", Once("2026-11-26", "第99节"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("has no period '第99节' on 2026-11-26", (string?)period["errors"]!["periodName"]![0], StringComparison.Ordinal);

        // The 调休 Saturday follows Wednesday: 王芳 teaches 音乐 on Wednesdays in 第3节, so that slot clashes, in words.
        var clash = await (await admin.PostJsonAsync($"/api/alliances/{alliance}/lead-lessons", Once("2026-12-19", "第3节"))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("2026-12-19“第3节”该教师已有主讲课", (string?)clash["detail"], StringComparison.Ordinal);

        // Stored with the weekday its date follows (the weekday sent is ignored), listed after the weekly lessons with its date.
        var made = await (await admin.PostJsonAsync($"/api/alliances/{alliance}/lead-lessons", Once("2026-12-19", "第1节", "Friday"))).ReadAsync(HttpStatusCode.Created);
        Assert.Equal("2026-12-19", (string?)made["oneOffDate"]);
        Assert.Equal("Wednesday", (string?)made["weekday"]);
        // Adding it queued a solve of its week, as a studio booking does: nobody has to press "重新排课".
        var job = await admin.PollAsync((string)made["solveJob"]!, j => (string?)j["state"] is "succeeded" or "failed");
        Assert.Equal(("succeeded", "2026-12-14", "2026-12-20"), ((string)job["state"]!, (string)job["from"]!, (string)job["to"]!));
        // A one-date lesson in a week already over (the server's today is Monday 2026-11-23) is stored, and nothing is re-solved.
        var past = await (await admin.PostJsonAsync($"/api/alliances/{alliance}/lead-lessons", Once("2026-11-19", "第1节", "Thursday"))).ReadAsync(HttpStatusCode.Created);
        Assert.Null((string?)past["solveJob"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/lead-lessons/{past.Id()}")).StatusCode);
        var list = (await (await admin.GetAsync($"/api/alliances/{alliance}/lead-lessons")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(14, list.Count);
        Assert.Equal(made.Id(), list[^1]!.Id());
        Assert.Null(list[0]!["oneOffDate"]);
        // The same date and period again clashes with the one-date lesson itself; a weekly lesson in that slot does not (weekly is checked against weekly).
        var again = await (await admin.PostJsonAsync($"/api/alliances/{alliance}/lead-lessons?lang=en", Once("2026-12-19", "第1节"))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("on 2026-12-19 '第1节'", (string?)again["detail"], StringComparison.Ordinal);
        // A PUT without a date makes it weekly again.
        var weekly = await (await admin.PutJsonAsync($"/api/lead-lessons/{made.Id()}", new
        {
            schoolId = (long)music["schoolId"]!, subject = "科学", grade = 4, teacherId = (long)music["teacherId"]!, studioId = (long)music["studioId"]!,
            weekday = "Friday", periodName = "第1节", bitrateMbps = 2.5,
        })).ReadAsync(HttpStatusCode.OK);
        Assert.Null(weekly["oneOffDate"]);
        Assert.Equal("Friday", (string?)weekly["weekday"]);

        // Not found: Chinese by default, English when asked, naming the resource in words.
        var lessonZh = await (await admin.DeleteAsync("/api/lead-lessons/999999")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("not_found", (string?)lessonZh["code"]);
        Assert.Equal("主讲课 999999 不存在。", (string?)lessonZh["detail"]);
        var lessonEn = await (await admin.PutJsonAsync("/api/lead-lessons/999999?lang=en", new { })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Lead lesson 999999 does not exist.", (string?)lessonEn["detail"]);
        var demandZh = await (await admin.DeleteAsync("/api/demands/999999")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("听课需求 999999 不存在。", (string?)demandZh["detail"]);
        var demandEn = await (await admin.DeleteAsync("/api/demands/999999?lang=en")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Demand 999999 does not exist.", (string?)demandEn["detail"]);
        var roomZh = await (await admin.GetAsync("/api/classrooms/999999/demands")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("教室 999999 不存在。", (string?)roomZh["detail"]);
        var allianceEn = await (await admin.GetAsync("/api/alliances/999999/lead-lessons?lang=en")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Alliance 999999 does not exist.", (string?)allianceEn["detail"]);
    }
}
