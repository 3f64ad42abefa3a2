using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Scheduler.Import;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Issue 14's proof as ONE story on one fresh server (scheduler + hub, demo data beside it), told
/// through the admin console's own pages in real Chromium (docs/admin-story.md): the district
/// admin signs in, creates an alliance, gives it a term with a holiday Monday and a 调休 Saturday
/// that follows Monday, fills the empty alliance from the downloaded templates — a schools file
/// with errors first (shown against their rows, nothing stored), then schools, rooms (one
/// mixed-grade), bell schedules, the lead timetable and member demand —, runs pairing for the
/// week of the 调休 day (the Monday lessons land on Saturday), reads why a demand stays uncovered,
/// enrols a kiosk by the code it shows, makes a school admin and an auditor (each sets a password
/// by the one-time link); the school admin sees only their school. A lesson of the new alliance
/// then runs (the hub's rows as the hub writes them, as AdminReportsPageTests does), the admin
/// opens the heat map and planned vs delivered, and the auditor finds the story's actions in the
/// log. The API is only read, to assert what the pages stored. English screenshots of key steps.
/// </summary>
public sealed class AdminStoryTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(roles: "scheduler,hub"), "admin.html")
{
    private const string Password = "classroom-2026";
    private const string Alliance = "城北教育联盟";
    private const string NewPassword = "chengbei-2026";

    /// <summary>The whole story, once in each language of the console: every label, message and screenshot in that language.</summary>
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_county_sets_up_a_new_alliance_pairs_a_week_enrols_a_kiosk_reports_a_lesson_and_the_auditor_sees_it_all(string lang)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var text = StoryText.Of(lang);
        await using var context = await browser.NewContextAsync(lang);
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(page, "admin", Password, english: lang == "en");

        // 1. The district: a new alliance.
        await Assertions.Expect(page.GetByTestId("setup-alliances")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("create").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel(text.Name).FillAsync(Alliance);
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("list").GetByText(Alliance)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var allianceId = (await GetAsync("/api/alliances")).AsArray().Single(a => (string?)a!["name"] == Alliance)!.Id();
        await ChooseAsync(page, "alliance-select", Alliance);

        // 2. Its term: Monday 30 November off, Saturday 5 December a 调休 day that follows Monday.
        // Typing starts at once: the view's first list of terms, if it answers late, keeps the term begun (docs/admin-story.md).
        await page.Locator("[data-view=terms]").ClickAsync();
        await page.GetByTestId("new-term").ClickAsync();
        await page.GetByLabel(text.FirstDay).FillAsync("2026-09-01");
        await page.GetByLabel(text.LastDay).FillAsync("2027-01-22");
        var dayDialog = page.GetByTestId("day-dialog");
        await page.Locator("[data-date='2026-11-30']").ClickAsync();
        await Assertions.Expect(dayDialog.GetByTestId("day-holiday")).ToBeCheckedAsync();
        await dayDialog.GetByLabel(text.Note).FillAsync("调休放假");
        await page.GetByTestId("day-apply").ClickAsync();
        await page.Locator("[data-date='2026-12-05']").ClickAsync();
        await Assertions.Expect(dayDialog.GetByTestId("day-makeup")).ToBeCheckedAsync();
        await dayDialog.GetByLabel(text.Follows).SelectOptionAsync("Monday");
        await dayDialog.GetByLabel(text.Note).FillAsync("补周一的课");
        await page.GetByTestId("day-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("term-summary")).ToContainTextAsync(text.TermSummary);
        await page.GetByLabel(text.TermName).FillAsync("2026年秋季学期");
        await Assertions.Expect(page.GetByTestId("save-term")).ToBeEnabledAsync();
        await page.GetByTestId("save-term").ClickAsync();
        await Assertions.Expect(page.GetByTestId("term-message")).ToHaveTextAsync(text.TermSaved, new() { Timeout = 30_000 });
        await PageBrowser.ScreenshotAsync(page, $"admin-story-term.{lang}");
        var term = Assert.Single((await GetAsync($"/api/alliances/{allianceId}/terms")).AsArray())!;
        Assert.Contains(term["specialDays"]!.AsArray(), d => (string?)d!["date"] == "2026-12-05" && (string?)d["kind"] == "MakeUp" && (string?)d["followsWeekday"] == "Monday");

        // 3. Imports into the empty alliance, each file written to the header of the template it downloaded.
        await page.Locator("[data-view=imports]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("imports-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // A schools file with errors first: a second lead school (row 3), a bandwidth that is no number (row 4).
        await ChooseAsync(page, "import-kind", text.Kinds[0]);
        var schoolsHeader = await TemplateHeaderAsync(page);
        await UploadAsync(page, "schools-with-errors.csv", Csv(schoolsHeader,
            School("BZ", "城北中心小学", true, "100"), School("BA", "白沙村小学", true, "20"), School("BB", "柏林村小学", false, "快")));
        await page.GetByTestId("import-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToHaveAttributeAsync("data-clean", "false", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToContainTextAsync(text.TwoProblems);
        await Assertions.Expect(Row(page, 2)).ToHaveAttributeAsync("data-ok", "true");
        foreach (var (row, cell) in new[] { (3, "是"), (4, "快") })
        {
            await Assertions.Expect(Row(page, row)).ToHaveAttributeAsync("data-ok", "false");
            await Assertions.Expect(Row(page, row).Locator("td.cell-error")).ToHaveTextAsync(cell);
            text.AssertInLanguage((await Row(page, row).GetByTestId("row-issues").TextContentAsync())!.Replace(cell, "", StringComparison.Ordinal));
        }

        await Assertions.Expect(page.GetByTestId("import-run")).ToBeDisabledAsync();
        Assert.Empty((await GetAsync($"/api/alliances/{allianceId}/schools")).AsArray());
        await PageBrowser.ScreenshotAsync(page, $"admin-story-import-errors.{lang}");

        // The corrected files, kind by kind: a clean preview, then the import.
        await ImportAsync(page, text, text.Kinds[0], schoolsHeader, null,
            School("BZ", "城北中心小学", true, "100"), School("BA", "白沙村小学", false, "20"), School("BB", "柏林村小学", false, "20"));
        await ImportAsync(page, text, text.Kinds[1], null, "classrooms.csv",
            Cols((ImportColumns.SchoolCode, "BA"), (ImportColumns.Grade, "3,4"), (ImportColumns.ClassName, "3-4年级复式班"), (ImportColumns.Seats, "18")),
            Cols((ImportColumns.SchoolCode, "BA"), (ImportColumns.Grade, "5"), (ImportColumns.ClassName, "5年级1班"), (ImportColumns.Seats, "30")),
            Cols((ImportColumns.SchoolCode, "BB"), (ImportColumns.Grade, "4"), (ImportColumns.ClassName, "4年级1班"), (ImportColumns.Seats, "32")),
            Cols((ImportColumns.SchoolCode, "BB"), (ImportColumns.Grade, "3"), (ImportColumns.ClassName, "3年级1班"), (ImportColumns.Seats, "30")));
        // The same bells at the three schools, Monday to Friday, three periods.
        var bells = (from school in new[] { "BZ", "BA", "BB" }
                     from day in new[] { "周一", "周二", "周三", "周四", "周五" }
                     from p in new[] { ("第1节", "08:00", "08:40"), ("第2节", "08:50", "09:30"), ("第3节", "10:00", "10:40") }
                     select Cols((ImportColumns.SchoolCode, school), (ImportColumns.ScheduleName, "常规作息"), (ImportColumns.Weekday, day),
                         (ImportColumns.Period, p.Item1), (ImportColumns.Start, p.Item2), (ImportColumns.End, p.Item3))).ToArray();
        await ImportAsync(page, text, text.Kinds[2], null, "bells.csv", bells);
        await ImportAsync(page, text, text.Kinds[3], null, "timetable.csv",
            Lesson("周一", "第1节", "科学", "4", "周敏"), Lesson("周一", "第2节", "音乐", "3", "李娜"), Lesson("周三", "第3节", "美术", "5", "周敏"));
        await ImportAsync(page, text, text.Kinds[4], null, "demand.csv",
            Demand("BA", "3-4年级复式班", "科学", "周一 第1节", "4"), Demand("BB", "4年级1班", "科学", "周一 第1节", ""),
            Demand("BB", "3年级1班", "音乐", "周一 第2节", ""), Demand("BA", "5年级1班", "美术", "周三 第3节", ""),
            Demand("BA", "5年级1班", "书法", "周二 第1节", ""));
        await PageBrowser.ScreenshotAsync(page, $"admin-story-imports.{lang}");

        // Stored so: three schools, one lead; the mixed-grade room; the lead timetable.
        var schools = (await GetAsync($"/api/alliances/{allianceId}/schools")).AsArray().ToDictionary(s => (string)s!["code"]!, s => s!);
        Assert.Equal(["BA", "BB", "BZ"], schools.Keys.Order(StringComparer.Ordinal));
        Assert.True((bool)schools["BZ"]["isLead"]!);
        var ba = schools["BA"].Id();
        Assert.Contains((await GetAsync($"/api/schools/{ba}/classrooms")).AsArray(),
            r => (string?)r!["className"] == "3-4年级复式班" && r["grades"]!.AsArray().Select(g => (int)g!).SequenceEqual([3, 4]));

        // 4. Pairing for the week of the 调休 day (chosen with the week view's arrows): its progress, then the lessons.
        await page.Locator("[data-view=week]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-view")).ToHaveAttributeAsync("data-from", "2026-11-23", new() { Timeout = 30_000 });
        await page.GetByTestId("next-week").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-range")).ToContainTextAsync("2026-11-30", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("not-solved")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("solve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-message")).ToHaveTextAsync(text.Solved, new() { Timeout = 60_000 });
        // Monday the 30th is off; its lessons are held on Saturday the 5th, which follows Monday.
        await Assertions.Expect(page.Locator("[data-testid=lesson][data-lesson$='-20261205']")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=lesson][data-lesson$='-20261130']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=lesson][data-lesson$='-20261202']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("paired-room").GetByText("白沙村小学 3-4年级复式班")).ToBeVisibleAsync();
        // The grid says why: Monday's head marks the holiday, Saturday's the 调休 day and whose timetable it keeps.
        await Assertions.Expect(page.Locator("[data-testid=day-mark][data-date='2026-11-30']")).ToHaveTextAsync(text.HolidayMark);
        await Assertions.Expect(page.Locator("[data-testid=day-mark][data-date='2026-12-05']")).ToHaveTextAsync(text.MakeUpMark);
        await Assertions.Expect(page.GetByTestId("day-mark")).ToHaveCountAsync(2);

        // The uncovered demand: 书法 is taught by no lead lesson; the reason and what would fix it, in the page's language.
        var uncovered = page.GetByTestId("uncovered").Locator("tbody tr", new() { HasText = "书法" });
        await Assertions.Expect(uncovered).ToHaveCountAsync(1);
        text.AssertInLanguage((await uncovered.GetByTestId("uncovered-reason").TextContentAsync())!);
        Assert.False(string.IsNullOrWhiteSpace(await uncovered.GetByTestId("uncovered-fix").TextContentAsync()));
        await PageBrowser.ScreenshotAsync(page, $"admin-story-week.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
        var week = await GetAsync($"/api/alliances/{allianceId}/pairings?from=2026-11-30&to=2026-12-06");
        var science = week["pairings"]!.AsArray().Select(p => p!).Where(p => (string)p["subject"]! == "科学").ToList();
        Assert.Equal(2, science.Count);
        Assert.All(science, p => Assert.EndsWith("-20261205", (string)p["lessonId"]!, StringComparison.Ordinal));

        // 5. A kiosk never enrolled shows its code; the admin enrols it for the mixed-grade room at 白沙村小学.
        await using var kioskContext = await browser.NewContextAsync(lang);
        var kiosk = await kioskContext.NewPageAsync();
        await kiosk.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}");
        var code = kiosk.GetByTestId("pairing-code");
        await Assertions.Expect(code).ToHaveTextAsync(new Regex("^[A-Z0-9]{4}-[A-Z0-9]{4}$"), new() { Timeout = 30_000 });
        await ChooseAsync(page, "school-select", "白沙村小学");
        await page.Locator("[data-view=devices]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("devices-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ChooseAsync(page, "device-classroom", "3-4年级复式班");
        await page.GetByLabel(text.PairingCode, new() { Exact = true }).FillAsync((await code.TextContentAsync())!);
        await page.GetByLabel(text.DeviceName, new() { Exact = true }).FillAsync("复式班投影电脑");
        await page.GetByRole(AriaRole.Button, new() { Name = text.Enrol }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("device-result")).ToContainTextAsync(text.Enrolled, new() { Timeout = 15_000 });
        await Assertions.Expect(kiosk.GetByTestId("room-name")).ToContainTextAsync("3-4年级复式班", new() { Timeout = 20_000 });
        await PageBrowser.ScreenshotAsync(page, $"admin-story-devices.{lang}");

        // 6. People: a school admin of 白沙村小学 (made at the school), an auditor of the county (made at the district).
        var schoolAdminLink = await CreatePersonAsync(page, text, "baisha.admin", "白沙校管理员", text.SchoolAdmin);
        await ChooseAsync(page, "alliance-select", text.County);
        var auditorLink = await CreatePersonAsync(page, text, "county.auditor", "县审计员", text.Auditor);

        // The school admin sets a password by the link and sees only their school.
        await using (var schoolContext = await browser.NewContextAsync(lang))
        {
            var schoolPage = await schoolContext.NewPageAsync();
            await EnrolAsync(schoolPage, text, schoolAdminLink);
            await schoolPage.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
            await Assertions.Expect(schoolPage.GetByTestId("setup-rooms")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal(["rooms", "teachers", "bells", "demands", "people", "devices", "studios", "rosters"], await schoolPage.Locator("[data-view]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.view)"));
            Assert.Equal(0, await schoolPage.GetByTestId("alliance-select").CountAsync());
            await Assertions.Expect(schoolPage.GetByTestId("school-select")).ToContainTextAsync("白沙村小学");
            await schoolPage.GetByTestId("school-select").ClickAsync();
            await Assertions.Expect(schoolPage.Locator(".el-select-dropdown__item:visible")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await schoolPage.Keyboard.PressAsync("Escape");
            var rooms = schoolPage.GetByTestId("setup-rooms").Locator("tbody tr");
            await Assertions.Expect(rooms).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Assertions.Expect(schoolPage.GetByTestId("setup-rooms")).ToContainTextAsync("3-4年级复式班");
            await Assertions.Expect(schoolPage.GetByTestId("setup-rooms")).Not.ToContainTextAsync("4年级1班");
            var otherSchool = await schoolPage.EvaluateAsync<int>($"async () => (await fetch('/api/schools/{schools["BB"].Id()}/classrooms')).status");
            Assert.Equal(403, otherSchool);
            await PageBrowser.ScreenshotAsync(schoolPage, $"admin-story-school.{lang}");
        }

        await using (var auditorContext = await browser.NewContextAsync(lang))
            await EnrolAsync(await auditorContext.NewPageAsync(), text, auditorLink);
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));

        // 7. Saturday 5 December: the 科学 lesson of the 调休 day has run in both its rooms (the hub's rows).
        var ran = science.OrderBy(p => (long)p["classroomId"]!).ToList();
        var lessonId = (string)ran[0]["lessonId"]!;
        var (starts, ends) = (At(ran[0]["startsAt"]!), At(ran[0]["endsAt"]!));
        await LessonRanAsync(allianceId, lessonId, starts, ends, ran);
        Host.Clock.SetUtcNow(ends.AddHours(2));

        // The admin signs in again (the session of last week is gone) and opens the reports of the alliance.
        await using var laterContext = await browser.NewContextAsync(lang);
        var later = await laterContext.NewPageAsync();
        var laterConsole = Watch(later);
        await later.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
        await PageBrowser.SignInAsync(later, "admin", Password, english: lang == "en");
        await Assertions.Expect(later.GetByTestId("scope-bar")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ChooseAsync(later, "alliance-select", Alliance);
        await later.Locator("[data-view=reports]").ClickAsync();
        var reports = later.GetByTestId("reports-view");
        await Assertions.Expect(reports).ToHaveAttributeAsync("data-to", "2026-12-05", new() { Timeout = 30_000 });
        await Assertions.Expect(reports).ToHaveAttributeAsync("data-from", "2026-09-01");
        await Assertions.Expect(later.GetByTestId("heatmap-chart").Locator("canvas")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The heat map's text table holds the API's value for 白沙村小学 in the lesson's week (100 %: its room joined).
        var heat = (await GetAsync($"/api/hub/reports/heatmap?allianceId={allianceId}&from={Uri.EscapeDataString("2026-09-01T00:00:00+08:00")}&to={Uri.EscapeDataString("2026-12-06T00:00:00+08:00")}")).AsArray();
        var heatCell = heat.Single(c => (long)c!["schoolId"]! == ba)!;
        Assert.Equal(((int)heatCell["roomLessons"]!, (int)heatCell["roomsJoined"]!), (1, 1));
        await later.GetByTestId("heat-table-details").Locator("summary").ClickAsync();
        await Assertions.Expect(later.Locator($"[data-testid=heat-table] td[data-school='{ba}'][data-week='{(string)heatCell["week"]!}']")).ToHaveTextAsync("100%");

        // Planned vs delivered counts the lesson as delivered at both its schools.
        var pd = await GetAsync($"/api/alliances/{allianceId}/reports/planned-delivered?from=2026-09-01&to=2026-12-05");
        foreach (var name in new[] { "白沙村小学", "柏林村小学" })
        {
            var row = pd["schools"]!.AsArray().Single(s => (string?)s!["schoolName"] == name)!;
            Assert.True((int)row["delivered"]! >= 1, $"{name}: {row.ToJsonString()}");
            var cells = await later.GetByTestId("pd-table").Locator("tbody tr", new() { HasText = name }).First.Locator("td").AllInnerTextsAsync();
            Assert.Equal((((int)row["planned"]!).ToString(CultureInfo.InvariantCulture), ((int)row["delivered"]!).ToString(CultureInfo.InvariantCulture)), (cells[1].Trim(), cells[2].Trim()));
        }

        await later.GetByTestId("heatmap").ScrollIntoViewIfNeededAsync();
        await PageBrowser.ScreenshotAsync(later, $"admin-story-reports.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(later, output);

        lock (laterConsole) Assert.DoesNotContain(laterConsole, l => l.StartsWith("pageerror", StringComparison.Ordinal));

        // 8. The auditor signs in and finds the story in the log, action by action.
        await using var auditContext = await browser.NewContextAsync(lang);
        var auditor = await auditContext.NewPageAsync();
        await auditor.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
        await PageBrowser.SignInAsync(auditor, "county.auditor", NewPassword, english: lang == "en");
        await Assertions.Expect(auditor.GetByTestId("audit-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        foreach (var (action, atLeast) in new[]
                 {
                     ("POST /api/alliances", 1),
                     ("POST /api/alliances/{id:long}/terms", 1),
                     ("POST /api/alliances/{id:long}/import/{kind}/preview", 6),
                     ("POST /api/alliances/{id:long}/import/{kind}", 5),
                     ("POST /api/alliances/{id:long}/solve", 1),
                     ("POST /api/classrooms/{classroomId:long}/devices", 1),
                     ("POST /api/people", 2),
                 })
        {
            await auditor.GetByTestId("audit-action").FillAsync(action);
            await auditor.GetByTestId("audit-search").ClickAsync();
            var rows = auditor.Locator($"[data-testid=audit-row][data-action='{action}']");
            await Assertions.Expect(auditor.Locator("[data-testid=audit-row]").Filter(new() { HasNotText = action })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            Assert.True(await rows.CountAsync() >= atLeast, $"{action}: {await rows.CountAsync()} row(s), expected {atLeast} or more");
        }

        // Every kind the story imported is in the imports' objects; the enrolment's object is the mixed-grade room.
        await auditor.GetByTestId("audit-action").FillAsync("POST /api/alliances/{id:long}/import/{kind}");
        await auditor.GetByTestId("audit-search").ClickAsync();
        foreach (var kind in new[] { "schools", "classrooms", "bell-schedules", "timetable", "demands" })
            await Assertions.Expect(auditor.GetByTestId("audit-list")).ToContainTextAsync($"id={allianceId},kind={kind}", new() { Timeout = 15_000 });
        await PageBrowser.ScreenshotAsync(auditor, $"admin-story-audit.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(auditor, output);
        output.WriteLine($"the story took {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static ILocator Row(IPage page, int row) => page.Locator($"[data-testid=preview-row][data-row='{row}']");

    private async Task<JsonNode> GetAsync(string path) => await (await Host.Admin().GetAsync(path)).ReadAsync(HttpStatusCode.OK);

    private static DateTimeOffset At(JsonNode node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);

    /// <summary>The header of the chosen kind's CSV template, downloaded from the page (BOM, one header row, one example row).</summary>
    private static async Task<string[]> TemplateHeaderAsync(IPage page)
    {
        var bytes = await DownloadAsync(page, "template-csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n")[0].Split(',');
    }

    /// <summary>The kind chosen, its template downloaded, the rows written to its header, previewed clean, imported.</summary>
    private static async Task ImportAsync(IPage page, StoryText text, string kind, string[]? header, string? name, params Dictionary<string, string>[] values)
    {
        if (header is null)
        {
            await ChooseAsync(page, "import-kind", kind);
            header = await TemplateHeaderAsync(page);
        }

        await UploadAsync(page, name ?? "schools.csv", Csv(header, values));
        await page.GetByTestId("import-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToHaveAttributeAsync("data-clean", "true", new() { Timeout = 30_000 });
        await page.GetByTestId("import-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync(text.Imported(values.Length), new() { Timeout = 30_000 });
    }

    /// <summary>A CSV of the rows under the template's header: each column's value by the column the header names (empty when the row has none).</summary>
    private static string Csv(string[] header, params Dictionary<string, string>[] rows)
    {
        var columns = header.Select(ImportColumns.Canonical).ToList();
        Assert.All(rows.SelectMany(r => r.Keys), k => Assert.Contains(k, columns));
        static string Cell(string v) => v.Contains(',', StringComparison.Ordinal) ? $"\"{v}\"" : v;
        return string.Join(',', header) + "\n" + string.Concat(rows.Select(r => string.Join(',', columns.Select(c => Cell(r.GetValueOrDefault(c, "")))) + "\n"));
    }

    private static Dictionary<string, string> Cols(params (string Column, string Value)[] cells) => cells.ToDictionary(c => c.Column, c => c.Value);

    private static Dictionary<string, string> School(string code, string name, bool lead, string mbps) =>
        Cols((ImportColumns.SchoolCode, code), (ImportColumns.SchoolName, name), (ImportColumns.IsLead, lead ? "是" : "否"), (ImportColumns.LinkMbps, mbps));

    private static Dictionary<string, string> Lesson(string day, string period, string subject, string grade, string teacher) =>
        Cols((ImportColumns.SchoolCode, "BZ"), (ImportColumns.Weekday, day), (ImportColumns.Period, period), (ImportColumns.Subject, subject),
            (ImportColumns.Grade, grade), (ImportColumns.Teacher, teacher), (ImportColumns.Studio, "录播室一"), (ImportColumns.BitrateMbps, "2.5"), (ImportColumns.Recording, "是"));

    private static Dictionary<string, string> Demand(string school, string room, string subject, string periods, string grade) =>
        Cols((ImportColumns.SchoolCode, school), (ImportColumns.ClassName, room), (ImportColumns.Subject, subject), (ImportColumns.LessonsPerWeek, "1"),
            (ImportColumns.Periods, periods), (ImportColumns.Grade, grade));

    /// <summary>The people view at the current place: a person with one role; returns the one-time enrolment link shown.</summary>
    private static async Task<string> CreatePersonAsync(IPage page, StoryText text, string userName, string name, string role)
    {
        await page.Locator("[data-view=people]").ClickAsync();
        await page.GetByTestId("person-create").ClickAsync();
        var dialog = page.GetByTestId("person-dialog");
        await dialog.GetByLabel(text.UserName).FillAsync(userName);
        await dialog.GetByLabel(text.PersonName, new() { Exact = true }).FillAsync(name);
        await ChooseAsync(page, "person-role", role);
        await page.GetByTestId("person-save").ClickAsync();
        var link = page.GetByTestId("enrolment-link");
        await Assertions.Expect(link).ToHaveValueAsync(new Regex(@"/enrol\.html#code="), new() { Timeout = 15_000 });
        var url = await link.InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = text.Done }).ClickAsync();
        return url;
    }

    /// <summary>The enrolment page of a one-time link: a password set, which signs the person in.</summary>
    private async Task EnrolAsync(IPage page, StoryText text, string link)
    {
        // The link is built on the configured public address (Identity:PublicBaseUrl); this server listens on a free loopback port.
        var sent = new Uri(link);
        Assert.Equal("/enrol.html", sent.AbsolutePath);
        await page.GotoAsync(BaseUrl + sent.PathAndQuery + sent.Fragment);
        // The page opens in Chinese (the default); an English reader switches with the page's own language link, which keeps the code.
        if (text.English)
        {
            await page.Locator("[data-lang-switch] a[lang=en]").ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en", new() { Timeout = 30_000 });
        }

        await page.GetByLabel(text.NewPassword, new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel(text.NewPasswordAgain, new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = text.SetPassword }).ClickAsync();
        await PageBrowser.WaitForAddressAsync(page, url => !url.Contains("/enrol.html", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// The hub's rows of a lesson that ran as planned, as the hub writes them (AdminReportsPageTests,
    /// PlannedDeliveredTests): each paired room's snapshot, the teacher and every room present for
    /// the whole lesson, the first room's check-in (17 of 18).
    /// </summary>
    private async Task LessonRanAsync(long allianceId, string lessonId, DateTimeOffset starts, DateTimeOffset ends, List<JsonNode> pairings)
    {
        var (from, to) = (starts.ToUnixTimeMilliseconds(), ends.ToUnixTimeMilliseconds());
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        db.Presence.Add(Interval(lessonId, "teacher", "teacher", null, null, from, to, to, 0));
        foreach (var p in pairings)
        {
            var (room, school) = ((long)p["classroomId"]!, (long)p["schoolId"]!);
            db.LessonRooms.Add(new LessonRoomSnapshot
            {
                LessonId = lessonId, ClassroomId = room, ClassroomName = (string)p["classroomName"]!, SchoolId = school, SchoolName = (string)p["schoolName"]!,
                ExpectedHeadcount = 18, AllianceId = allianceId, Subject = (string)p["subject"]!, StartsAtMs = from, EndsAtMs = to,
            });
            db.Presence.Add(Interval(lessonId, "room-" + room, "classroom", room, school, from, to, to, 0));
        }

        db.CheckIns.Add(new CheckInRecord { Id = Guid.NewGuid(), LessonId = lessonId, ClassroomId = (long)pairings[0]["classroomId"]!, SchoolId = (long)pairings[0]["schoolId"]!, Present = 17, Expected = 18, ReceivedAtMs = from + 60_000, Author = "kiosk" });
        await db.SaveChangesAsync();
    }
}
