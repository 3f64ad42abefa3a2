using System.Globalization;
using System.Net;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Studios, studio bookings, class rosters and the district's settings in the Vue admin console
/// (docs/admin-studios.md), in real Chromium against the real server with the demo alliance: a
/// school admin creates a studio, gets its stream key shown once, books it for a teacher of the
/// school, reads the server's refusal of an overlapping booking, cancels a booking and adds a
/// student to a roster that reads back after a reload; the district admin changes the district's
/// settings, reads them back, and finds the roster read in the audit log. Keyboard and axe-core on
/// every view; screenshots in both languages.
/// </summary>
public sealed class AdminStudiosPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_school_admin_runs_a_studio_its_bookings_and_a_roster_and_the_district_admin_sets_the_district(string lang)
    {
        var en = lang == "en";
        string T(string zh, string english) => en ? english : zh;
        var studioName = T("录播室甲", "Studio A");
        var teacherName = T("赵老师", "Teacher Zhao");

        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        try
        {
            await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
            await PageBrowser.SignInAsync(page, "school", Password, en);
            await Assertions.Expect(page.GetByTestId("setup-rooms")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal(["rooms", "teachers", "bells", "demands", "people", "devices", "studios", "rosters"],
                await page.Locator("[data-view]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.view)"));

            // A teacher of the school, to book the studio for (the member school has none in the demo).
            await page.Locator("[data-view=teachers]").ClickAsync();
            await Assertions.Expect(page.GetByTestId("setup-teachers")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("create").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByLabel(T("名称", "Name")).FillAsync(teacherName);
            await page.GetByTestId("save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("list").GetByText(teacherName)).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // Studios: create one.
            await page.Locator("[data-view=studios]").ClickAsync();
            await Assertions.Expect(page.GetByTestId("studios-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByLabel(T("录播室名称", "Studio name"), new() { Exact = true }).FillAsync(studioName);
            await page.GetByTestId("studio-add").ClickAsync();
            await Assertions.Expect(page.GetByTestId("studio-result")).ToContainTextAsync(studioName, new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("studio-row")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("studio-key-state")).ToHaveTextAsync(T("未设置", "Not set"));

            // Its stream key: confirmed, shown once with a copy button, gone once the dialog is closed.
            await page.GetByTestId("studio-rotate").ClickAsync();
            await page.GetByTestId("studio-rotate-confirm").ClickAsync();
            var keyDialog = page.GetByRole(AriaRole.Dialog, new() { Name = T($"“{studioName}”的推流密钥", $"Stream key of '{studioName}'") });
            await Assertions.Expect(keyDialog).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(keyDialog).ToContainTextAsync(T("密钥只显示这一次", "shown only this once"));
            var key = await Field(page, "studio-key-streamKey").InputValueAsync();
            Assert.True(key.Length >= 20, $"stream key '{key}'");
            await page.GetByTestId("studio-copy-streamKey").ClickAsync();
            await Assertions.Expect(page.GetByTestId("studio-key-copied")).Not.ToBeEmptyAsync();
            await PageBrowser.ScreenshotAsync(page, $"admin-studios-key.{lang}");
            await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
            await page.GetByTestId("studio-key-done").ClickAsync();
            await Assertions.Expect(keyDialog).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByTestId("studio-key-state")).ToContainTextAsync(T("已设置", "Set"), new() { Timeout = 30_000 });
            Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
            var ingest = await page.EvaluateAsync<string>("async () => { const s = await (await fetch(`/api/schools/${(await (await fetch('/api/auth/session')).json()).me.grants[0].schoolId}/studios`)).json(); return await (await fetch(`/api/studios/${s[0].id}/ingest`)).text(); }");
            Assert.DoesNotContain(key, ingest, StringComparison.Ordinal);
            Assert.Contains("\"hasStreamKey\":true", ingest, StringComparison.Ordinal);

            // Bookings: the teacher on Tuesday 24 November, period 1; the same period again is refused; period 2 booked; one cancelled.
            var panel = page.GetByTestId("bookings-panel");
            await Assertions.Expect(panel).ToContainTextAsync(studioName, new() { Timeout = 30_000 });
            await Book(page, teacherName, "第1节", T("音乐", "Music"));
            await Assertions.Expect(page.GetByTestId("booking-result")).ToContainTextAsync(T("已预约", "Booked"), new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("booking-row")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Book(page, teacherName, "第1节", T("美术", "Art"));
            await Assertions.Expect(page.GetByTestId("booking-result")).ToContainTextAsync(T("无法预约", "Cannot book"), new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("booking-result")).ToContainTextAsync(
                T($"{studioName} 在 2026-11-24 第1节 已有课", $"{studioName} is taken on 2026-11-24 第1节"));
            await Assertions.Expect(page.GetByTestId("booking-result")).ToHaveAttributeAsync("role", "alert");
            await Assertions.Expect(page.GetByTestId("booking-row")).ToHaveCountAsync(1);
            await PageBrowser.ScreenshotAsync(page, $"admin-studios.{lang}");
            await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
            await Book(page, teacherName, "第2节", T("美术", "Art"));
            await Assertions.Expect(page.GetByTestId("booking-row")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await page.GetByTestId("booking-cancel").First.ClickAsync();
            await page.GetByTestId("booking-cancel-confirm").ClickAsync();
            await Assertions.Expect(page.GetByTestId("booking-result")).ToContainTextAsync(T("已取消 2026-11-24 第1节", "Cancelled the booking of 2026-11-24 第1节"), new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("booking-row")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("booking-list")).ToContainTextAsync("第2节");

            // Keyboard: Tab from the top reaches the menu, the studio's name and buttons, the booking form and a cancel button.
            await page.Locator("body").FocusAsync();
            var wanted = new[] { "menu", "studio-name", "studio-add", "studio-rotate", "studio-remove", "booking-add", "booking-cancel" };
            var reached = new HashSet<string>();
            for (var i = 0; i < 80 && reached.Count < wanted.Length; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var id = await page.EvaluateAsync<string>("() => { const a = document.activeElement; return a?.dataset.view ? 'menu' : a?.closest('[data-testid]')?.dataset.testid ?? ''; }");
                if (wanted.Contains(id)) reached.Add(id);
            }

            Assert.True(reached.Count == wanted.Length, "reached by Tab: " + string.Join(", ", reached));

            // Rosters: the first room's 15 students; add one (the next id is proposed), save, read back after a reload.
            await page.Locator("[data-view=rosters]").ClickAsync();
            await Assertions.Expect(page.GetByTestId("rosters-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("roster-count")).ToHaveTextAsync(T("15 名学生", "15 students"), new() { Timeout = 30_000 });
            await page.GetByTestId("roster-add").ClickAsync();
            await Assertions.Expect(page.GetByLabel(T("第 16 行学籍号", "Student id of row 16"), new() { Exact = true })).ToHaveValueAsync("HW316");
            await Assertions.Expect(page.GetByTestId("roster-problem")).ToHaveTextAsync(T("请填写姓名", "Give a name"));
            await page.GetByLabel(T("第 16 行姓名", "Name of row 16"), new() { Exact = true }).FillAsync(T("新同学", "New pupil"));
            await Assertions.Expect(page.GetByTestId("roster-problem")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("roster-unsaved")).ToBeVisibleAsync();
            await page.GetByTestId("roster-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("roster-result")).ToHaveTextAsync(T("已保存名单：16 名学生", "Saved the roster: 16 students"), new() { Timeout = 30_000 });
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByTestId("roster-count")).ToHaveTextAsync(T("16 名学生", "16 students"), new() { Timeout = 30_000 });
            await Field(page, "roster-search").FillAsync(T("新同学", "New pupil"));
            await Assertions.Expect(page.GetByTestId("roster-list").Locator("tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByLabel(T("第 16 行学籍号", "Student id of row 16"), new() { Exact = true })).ToHaveValueAsync("HW316");
            await Field(page, "roster-search").FillAsync("");
            await PageBrowser.ScreenshotAsync(page, $"admin-studios-rosters.{lang}");
            await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
        }
        catch
        {
            output.WriteLine(string.Join('\n', console));
            throw;
        }

        // The district admin: the district's settings, changed and read back; the roster reads are in the audit log.
        await using var districtContext = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var district = await districtContext.NewPageAsync();
        var districtConsole = Watch(district);
        try
        {
            // A second alliance, so the demo alliance may be let take its lessons (the cross-alliance policy below).
            using var api = Host.Admin();
            var west = (long)(await (await api.PostJsonAsync("/api/alliances", new { name = "城西教育联盟", timeZone = "Asia/Shanghai" })).ReadAsync(HttpStatusCode.Created))["id"]!;
            await district.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
            await PageBrowser.SignInAsync(district, "admin", Password, en);
            await Assertions.Expect(district.GetByTestId("scope-bar")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await ChooseAsync(district, "alliance-select", T("全区县", "District"));
            await district.Locator("[data-view=district]").ClickAsync();
            await Assertions.Expect(district.GetByTestId("district-form")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(district.GetByTestId("district-minOverlapShare-default")).ToContainTextAsync("0.8");
            await district.GetByLabel(T("区县名称", "District name"), new() { Exact = true }).FillAsync(T("城关区", "Chengguan District"));
            var share = district.GetByLabel(T("最小重叠比例", "Minimum overlap"), new() { Exact = true });
            await share.FillAsync("0.7");
            await share.BlurAsync();
            var seats = district.GetByLabel(T("每节课教室上限", "Rooms per lesson"), new() { Exact = true });
            await seats.FillAsync("150");
            await seats.BlurAsync();
            await district.GetByTestId("district-save").ClickAsync();
            await Assertions.Expect(district.GetByTestId("district-result")).ToHaveTextAsync(T("已保存区县设置", "Saved the district settings"), new() { Timeout = 30_000 });
            await district.ReloadAsync();
            await Assertions.Expect(district.GetByTestId("district-form")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(district.GetByLabel(T("区县名称", "District name"), new() { Exact = true })).ToHaveValueAsync(T("城关区", "Chengguan District"));
            await Assertions.Expect(share).ToHaveValueAsync("0.70");
            await Assertions.Expect(seats).ToHaveValueAsync("150");
            await Assertions.Expect(district.GetByTestId("district-minOverlapShare-effective")).ToContainTextAsync("0.7");
            await Assertions.Expect(district.GetByTestId("district-relayCapacityPerLesson-effective")).ToContainTextAsync("150");
            var stored = await district.EvaluateAsync<string>("async () => await (await fetch('/api/district')).text()");
            Assert.Contains("\"minOverlapShare\":0.7", stored, StringComparison.Ordinal);

            // The cross-alliance policy: the demo alliance also takes the lessons of 城西教育联盟.
            var demoId = long.Parse((await district.Locator("[data-testid=lesson-source]", new() { HasNotText = "城西教育联盟" }).First.GetAttributeAsync("data-alliance"))!, CultureInfo.InvariantCulture);
            var demo = district.Locator($"[data-testid=lesson-source][data-alliance='{demoId}']");
            await ChooseAsync(district, demo.GetByTestId("source-select"), T("也上所列联盟的课", "Also the alliances listed"));
            await ChooseAsync(district, demo.GetByTestId("source-alliances"), "城西教育联盟");
            await demo.GetByTestId("source-save").ClickAsync();
            await Assertions.Expect(demo.GetByTestId("source-result")).ToHaveTextAsync(T("已保存", "Saved"), new() { Timeout = 30_000 });
            var source = await (await api.GetAsync($"/api/alliances/{demoId}/lesson-source")).ReadAsync(HttpStatusCode.OK);
            Assert.Equal("Listed", (string?)source["source"], StringComparer.OrdinalIgnoreCase);
            Assert.Equal([west], source["alliances"]!.AsArray().Select(a => (long)a!));
            // Listed with nothing chosen is refused, in the page's language, and nothing changes.
            var westRow = district.Locator($"[data-testid=lesson-source][data-alliance='{west}']");
            await ChooseAsync(district, westRow.GetByTestId("source-select"), T("也上所列联盟的课", "Also the alliances listed"));
            await westRow.GetByTestId("source-save").ClickAsync();
            await Assertions.Expect(westRow.GetByTestId("source-result")).ToHaveTextAsync(T("课程来源为“也上所列联盟的课”（listed）时，至少要列出一个其他联盟。", "A lesson source of listed alliances (listed) needs at least one other alliance."), new() { Timeout = 30_000 });
            Assert.Equal("Own", (string?)(await (await api.GetAsync($"/api/alliances/{west}/lesson-source")).ReadAsync(HttpStatusCode.OK))["source"], StringComparer.OrdinalIgnoreCase);

            await PageBrowser.ScreenshotAsync(district, $"admin-studios-district.{lang}");
            await LessonPageKit.AssertNoSeriousAxeViolationsAsync(district, output);

            // The school admin's roster reads are audit rows (the server writes them; the console only reads).
            var audit = await district.EvaluateAsync<string>("async () => await (await fetch('/api/audit?action=roster.read')).text()");
            Assert.Contains("roster.read", audit, StringComparison.Ordinal);
            var replaced = await district.EvaluateAsync<string>("async () => await (await fetch('/api/audit?action=roster.replace')).text()");
            Assert.Contains("roster.replace", replaced, StringComparison.Ordinal);
        }
        catch
        {
            output.WriteLine(string.Join('\n', districtConsole));
            throw;
        }
    }

    /// <summary>The text field of an Element Plus input with the test id (Element Plus puts the attribute on the input or on its wrapper).</summary>
    private static ILocator Field(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>Fills the booking form for Tuesday 2026-11-24 (a school day of the demo term) and sends it.</summary>
    private static async Task Book(IPage page, string teacher, string period, string subject)
    {
        if (!(await page.GetByTestId("booking-teacher").TextContentAsync() ?? "").Contains(teacher, StringComparison.Ordinal))
            await ChooseAsync(page, "booking-teacher", teacher);
        await Field(page, "booking-date").FillAsync("2026-11-24");
        await ChooseAsync(page, "booking-period", period);
        await Field(page, "booking-subject").FillAsync(subject);
        await Field(page, "booking-grade").FillAsync("3");
        await Field(page, "booking-grade").BlurAsync();
        await page.GetByTestId("booking-add").ClickAsync();
    }
}
