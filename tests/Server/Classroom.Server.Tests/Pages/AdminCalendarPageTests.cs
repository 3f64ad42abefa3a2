using System.Text.Json;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The admin console's term calendar and bell schedules (docs/admin-calendar.md) in real Chromium
/// against the real server with the demo alliance: a district admin creates a district term with a
/// 调休 Saturday that follows Monday and two holidays (one set by keyboard) on the calendar, sees it
/// again after a reload and reads it back from the API; at a school, a period typed over its
/// neighbour is refused as it is typed (both rows marked, Save off), then fixed and saved. In English
/// the server's refusal of an overlapping term is shown in English and the calendar is reached by
/// Tab. axe-core finds no serious violation; screenshots admin-terms.* and admin-bells.*.
/// </summary>
public sealed class AdminCalendarPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";
    private const string DemoAlliance = "城关一小教育联盟 (演示)";

    [Fact]
    public async Task A_district_admin_sets_a_make_up_saturday_and_holidays_on_the_calendar_and_a_school_period_overlap_is_refused_as_typed()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN");
        await PageBrowser.SignInAsync(page, "admin", Password);
        await Assertions.Expect(page.GetByTestId("scope-bar")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The district level: its term calendar, empty at first.
        await ChooseAsync(page, "alliance-select", "全区县");
        await page.Locator("[data-view=terms]").ClickAsync();
        var view = page.GetByTestId("terms-view");
        await Assertions.Expect(view.GetByRole(AriaRole.Heading, new() { Name = "区县学期校历" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("new-term").ClickAsync();
        await page.GetByLabel("学期名称").FillAsync("2027年春季学期");
        await page.GetByLabel("开始日").FillAsync("2027-03-01");
        await page.GetByLabel("结束日").FillAsync("2027-07-09");
        await Assertions.Expect(page.Locator("[data-date='2027-03-01']")).ToHaveAttributeAsync("data-state", "teaching");
        await Assertions.Expect(page.Locator("[data-date='2027-04-10']")).ToHaveAttributeAsync("data-state", "weekend");

        // A click on Saturday 10 April: a 调休 day that follows Monday's timetable.
        await page.Locator("[data-date='2027-04-10']").ClickAsync();
        var dialog = page.GetByTestId("day-dialog");
        await Assertions.Expect(dialog.GetByTestId("day-makeup")).ToBeCheckedAsync();
        await dialog.GetByLabel("按星期几的课表").SelectOptionAsync("Monday");
        await dialog.GetByLabel("备注").FillAsync("补清明节周一的课");
        await page.GetByTestId("day-apply").ClickAsync();
        var makeUp = page.Locator("[data-date='2027-04-10']");
        await Assertions.Expect(makeUp).ToHaveAttributeAsync("data-state", "makeup");
        await Assertions.Expect(makeUp).ToHaveAccessibleNameAsync("2027年4月10日，星期六，调休上课，按星期一课表（补清明节周一的课）");

        // Monday 5 April (清明节) by mouse, Monday 3 May by keyboard: arrows move between days, Enter opens one.
        await page.Locator("[data-date='2027-04-05']").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("day-holiday")).ToBeCheckedAsync();
        await dialog.GetByLabel("备注").FillAsync("清明节");
        await page.GetByTestId("day-apply").ClickAsync();
        await page.Locator("[data-date='2027-04-30']").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");   // 7 May
        await page.Keyboard.PressAsync("ArrowUp");     // 30 April
        await page.Keyboard.PressAsync("ArrowRight");  // 1 May
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");  // 3 May
        Assert.Equal("2027-05-03", await page.EvaluateAsync<string>("() => document.activeElement?.dataset.date"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog.GetByTestId("day-holiday")).ToBeCheckedAsync();
        await page.GetByTestId("day-apply").ClickAsync();
        await Assertions.Expect(page.Locator("[data-date='2027-05-03']")).ToHaveAttributeAsync("data-state", "holiday");
        await Assertions.Expect(page.GetByTestId("term-summary")).ToContainTextAsync("2 个假日，1 个调休日");

        await page.GetByTestId("save-term").ClickAsync();
        await Assertions.Expect(page.GetByTestId("term-message")).ToHaveTextAsync("已保存学期“2027年春季学期”", new() { Timeout = 30_000 });

        // Opened again: the same place (the district), the term with its days.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-date='2027-04-10']")).ToHaveAttributeAsync("data-state", "makeup", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-date='2027-04-10']")).ToHaveAttributeAsync("data-follows", "Monday");
        await Assertions.Expect(page.Locator("[data-date='2027-04-05']")).ToHaveAttributeAsync("data-state", "holiday");
        await Assertions.Expect(page.Locator("[data-date='2027-05-03']")).ToHaveAttributeAsync("data-state", "holiday");
        await Assertions.Expect(page.GetByTestId("save-term")).ToBeDisabledAsync();
        await PageBrowser.ScreenshotAsync(page, "admin-terms.zh-CN");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        // Stored so: the district's terms from the API, under the same sign-in.
        using var terms = JsonDocument.Parse(await (await context.APIRequest.GetAsync($"{BaseUrl}/api/district/terms")).TextAsync());
        var term = Assert.Single(terms.RootElement.EnumerateArray());
        Assert.Equal("2027年春季学期", term.GetProperty("name").GetString());
        Assert.Equal(("2027-03-01", "2027-07-09"), (term.GetProperty("firstDay").GetString(), term.GetProperty("lastDay").GetString()));
        var days = term.GetProperty("specialDays").EnumerateArray()
            .Select(d => $"{d.GetProperty("date").GetString()} {d.GetProperty("kind").GetString()} {(d.GetProperty("followsWeekday").ValueKind == JsonValueKind.Null ? "-" : d.GetProperty("followsWeekday").GetString())}")
            .ToList();
        Assert.Equal(["2027-04-05 Holiday -", "2027-04-10 MakeUp Monday", "2027-05-03 Holiday -"], days);

        // A school of the demo alliance: its bell schedule's Monday, 第2节 typed over 第1节 (河湾村小学 rings at 08:05–08:45).
        await ChooseAsync(page, "alliance-select", DemoAlliance);
        await ChooseAsync(page, "school-select", "河湾村小学");
        await page.Locator("[data-view=bells]").ClickAsync();
        var bells = page.GetByTestId("bells-view");
        await Assertions.Expect(bells.GetByTestId("period-row")).ToHaveCountAsync(6, new() { Timeout = 30_000 });
        var scheduleId = await bells.GetAttributeAsync("data-schedule");
        var second = page.GetByLabel("第2节 上课时间", new() { Exact = true });
        await Assertions.Expect(second).ToHaveValueAsync("08:55");
        await second.ClearAsync();
        await second.PressSequentiallyAsync("08:3");  // half typed: marked at once, nothing to save
        await Assertions.Expect(bells.GetByTestId("period-problem")).ToHaveTextAsync("上课时间不完整（时:分）。");
        await Assertions.Expect(page.GetByTestId("save-bells")).ToBeDisabledAsync();
        await second.PressSequentiallyAsync("0");     // 08:30, into 第1节
        await Assertions.Expect(bells.Locator("[data-testid=period-row][data-faulty=true]")).ToHaveCountAsync(2);
        await Assertions.Expect(bells.GetByTestId("period-problem").First).ToContainTextAsync("与第2节（08:30–09:35）时间重叠");
        await Assertions.Expect(bells.GetByTestId("period-problem").Nth(1)).ToContainTextAsync("与第1节（08:05–08:45）时间重叠");
        await Assertions.Expect(page.GetByTestId("save-bells")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("bell-blocked")).ToContainTextAsync("有 2 处问题");
        await PageBrowser.ScreenshotAsync(page, "admin-bells.zh-CN");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        await second.FillAsync("08:50");
        await Assertions.Expect(bells.Locator("[data-testid=period-row][data-faulty=true]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("save-bells")).ToBeEnabledAsync();
        await page.GetByTestId("save-bells").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bell-message")).ToContainTextAsync("已保存作息表", new() { Timeout = 30_000 });

        using var stored = JsonDocument.Parse(await (await context.APIRequest.GetAsync($"{BaseUrl}/api/bell-schedules/{scheduleId}")).TextAsync());
        var monday2 = stored.RootElement.GetProperty("periods").EnumerateArray()
            .Single(p => p.GetProperty("weekday").GetString() == "Monday" && p.GetProperty("name").GetString() == "第2节");
        Assert.Equal(("08:50", "09:35"), (monday2.GetProperty("start").GetString(), monday2.GetProperty("end").GetString()));
        Assert.Equal(30, stored.RootElement.GetProperty("periods").GetArrayLength());

        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_English_an_overlapping_term_is_refused_in_English_and_the_calendar_and_period_editor_are_reached_by_keyboard()
    {
        await using var context = await browser.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=en");
        await PageBrowser.SignInAsync(page, "admin", Password, english: true);
        await Assertions.Expect(page.GetByTestId("scope-bar")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ChooseAsync(page, "alliance-select", DemoAlliance);
        await page.Locator("[data-view=terms]").ClickAsync();

        // The demo term (around 2026-11-23) with its sports-day holiday and the Saturday that follows Wednesday.
        await Assertions.Expect(page.Locator("[data-state=makeup]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-state=makeup]").First).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex(@"^\w+ \d+, 2026, Saturday, make-up day, follows Wednesday"));
        await Assertions.Expect(page.Locator("[data-state=holiday]")).ToHaveCountAsync(1);

        // Tab from the last day field reaches the calendar once (one day in the Tab order); Enter opens that day.
        await page.GetByLabel("Last day", new() { Exact = true }).FocusAsync();
        string? reached = null;
        for (var i = 0; i < 6 && reached is null; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string?>("() => document.activeElement?.dataset.date ?? null");
        }

        Assert.NotNull(reached);
        await PageBrowser.ScreenshotAsync(page, "admin-terms.en");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        // A new term over the demo term's dates: the server refuses it, in English.
        await page.GetByTestId("new-term").ClickAsync();
        await page.GetByLabel("Term name", new() { Exact = true }).FillAsync("Overlapping term");
        await page.GetByLabel("First day", new() { Exact = true }).FillAsync("2026-12-01");
        await page.GetByLabel("Last day", new() { Exact = true }).FillAsync("2027-01-15");
        await page.GetByTestId("save-term").ClickAsync();
        await Assertions.Expect(page.GetByTestId("term-refusal")).ToContainTextAsync("The term overlaps another term of this alliance.", new() { Timeout = 30_000 });

        // A school's bells: a period added and typed over the last one is marked in English; removed again, nothing to save.
        await ChooseAsync(page, "school-select", "石桥村小学");
        await page.Locator("[data-view=bells]").ClickAsync();
        var bells = page.GetByTestId("bells-view");
        await Assertions.Expect(bells.GetByTestId("period-row")).ToHaveCountAsync(6, new() { Timeout = 30_000 });
        await page.GetByTestId("add-period").ClickAsync();
        Assert.Equal("period-start", await page.EvaluateAsync<string>("() => document.activeElement?.dataset.testid ?? ''"));
        var added = page.GetByLabel("Period 7 start time", new() { Exact = true });
        await added.FillAsync("15:30");
        await Assertions.Expect(bells.GetByTestId("period-problem").First).ToContainTextAsync("Overlaps Period 7 (15:30–");
        await Assertions.Expect(page.GetByTestId("save-bells")).ToBeDisabledAsync();
        await PageBrowser.ScreenshotAsync(page, "admin-bells.en");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Period 7", Exact = true }).ClickAsync();
        await Assertions.Expect(bells.Locator("[data-testid=period-row][data-faulty=true]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("save-bells")).ToBeDisabledAsync();

        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal) ||
            (l.StartsWith("error", StringComparison.Ordinal) && !l.Contains("status of 400", StringComparison.Ordinal)));
    }
}
