using System.Text.Json;
using System.Text.RegularExpressions;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The Vue admin console (web/vue/admin.html, docs/admin-console.md) in real Chromium against the
/// real server with the demo alliance: a district admin signs in, creates an alliance, moves to the
/// demo alliance, opens the week view of a chosen week, runs pairing and sees the job's progress
/// then the lessons with their rooms, reads an unmet demand's reason and fix, downloads the exports
/// under sign-in; the place is remembered when the page is opened again; in English the page is
/// keyboard-reachable; a school admin sees only their school. axe-core finds no serious violation.
/// Prints the week view's time to first render (no wall-clock assert).
/// </summary>
public sealed class AdminConsolePageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";
    private const string DemoAlliance = "城关一小教育联盟 (演示)";

    [Fact]
    public async Task A_district_admin_creates_an_alliance_runs_pairing_for_a_chosen_week_reads_why_demand_is_unmet_and_exports_it()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(page, "admin", Password);

        // The district level: the alliances list, and a new alliance created from the page.
        await Assertions.Expect(page.GetByTestId("setup-alliances")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("list").GetByText(DemoAlliance)).ToBeVisibleAsync();
        await page.GetByTestId("create").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("名称").FillAsync("城东教育联盟");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("list").GetByText("城东教育联盟")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("search").FillAsync("城东");
        await Assertions.Expect(page.GetByTestId("list").Locator("tbody tr")).ToHaveCountAsync(1);
        await PageBrowser.ScreenshotAsync(page, "admin-alliances.zh-CN");
        await browser.ScreenshotInAsync(page, "en", "admin-alliances.en", async en =>
        {
            await Assertions.Expect(en.GetByTestId("list").GetByText("城东教育联盟")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await en.GetByTestId("search").FillAsync("城东");
            await Assertions.Expect(en.GetByTestId("list").Locator("tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(en.Locator("header h1")).ToHaveTextAsync("Administration");
        });

        // Into the demo alliance, then its week view: the current week (the server's, 2026-11-23) with lessons.
        await ChooseAsync(page, "alliance-select", DemoAlliance);
        await page.Locator("[data-view=week]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-view")).ToHaveAttributeAsync("data-from", "2026-11-23", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("lesson").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // A chosen week: the next one, not solved yet; run pairing, see the job's progress, then the lessons.
        await page.GetByTestId("next-week").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-range")).ToContainTextAsync("2026-11-30", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("not-solved")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.EvaluateAsync("""
            () => { window.__progressSeen = false; new MutationObserver(() => { if (document.querySelector('[data-testid=solve-progress]')) window.__progressSeen = true; })
              .observe(document.body, { childList: true, subtree: true }); }
            """);
        await page.GetByTestId("solve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-message")).ToHaveTextAsync("排课完成", new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__progressSeen"), "the solve job's progress was never shown");
        Assert.True(await page.GetByTestId("lesson").CountAsync() > 0);
        Assert.True(await page.GetByTestId("paired-room").CountAsync() > 0);
        Assert.Contains("2026-11-30", page.Url, StringComparison.Ordinal);

        // The unmet demand: a reason in Chinese and what would fix it.
        var reason = await page.GetByTestId("uncovered-reason").First.TextContentAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", reason);
        Assert.False(string.IsNullOrWhiteSpace(await page.GetByTestId("uncovered-fix").First.TextContentAsync()));
        // The solver's own sentence is in Chinese too, not only its reason.
        var detail = (await page.GetByTestId("uncovered-detail").First.TextContentAsync())!;
        Assert.Matches(@"教室 \d+", detail);
        Assert.DoesNotContain("room", detail, StringComparison.OrdinalIgnoreCase);
        await PageBrowser.ScreenshotAsync(page, "admin-week.zh-CN");
        await AssertNoSeriousAxeViolationsAsync(page);

        // Exports under sign-in: fetched with the session cookie and saved as files.
        var csvBytes = await DownloadAsync(page, "export-csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csvBytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3);
        Assert.StartsWith("日期 date", csv, StringComparison.Ordinal);
        Assert.Contains("2026-12-0", csv, StringComparison.Ordinal);
        var ics = System.Text.Encoding.UTF8.GetString(await DownloadAsync(page, "export-ics"));
        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VEVENT", ics, StringComparison.Ordinal);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);

        // A school of the alliance: its rooms.
        await ChooseAsync(page, "school-select", "河湾村小学");
        await page.Locator("[data-view=rooms]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("setup-rooms").Locator("tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Opened again, the console comes back to the same place (remembered for this person).
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN#schools");
        await Assertions.Expect(page.GetByTestId("alliance-select")).ToContainTextAsync(DemoAlliance, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("school-select")).ToContainTextAsync("河湾村小学");

        // Time to first render of the week view, from navigation start (loads the page, the person, the place, the week).
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN#week?from=2026-11-23");
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('admin-week-first-render').length > 0", null, new() { Timeout = 30_000 });
        var firstRender = await page.EvaluateAsync<double>("() => performance.getEntriesByName('admin-week-first-render')[0].startTime");
        output.WriteLine($"admin week view (demo alliance, {await page.GetByTestId("lesson").CountAsync()} lessons): first render {firstRender:F0} ms after navigation start");
        // The unsolved week's GET answers 404 not_solved by design, which Chromium logs as a failed resource.
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal) ||
            (l.StartsWith("error", StringComparison.Ordinal) && !l.Contains("status of 404", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task In_English_the_console_is_reachable_by_keyboard()
    {
        await using var context = await browser.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=en#week");
        await PageBrowser.SignInAsync(page, "admin", Password, english: true);
        await Assertions.Expect(page.GetByTestId("setup-alliances").Or(page.GetByTestId("week-view"))).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ChooseAsync(page, "alliance-select", DemoAlliance);
        await page.Locator("[data-view=week]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lesson").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("header h1")).ToHaveTextAsync("Administration");
        Assert.Matches("^[A-Za-z ,']+$", (await page.GetByTestId("uncovered-reason").First.TextContentAsync())!.Trim());
        Assert.Matches(@"[Rr]oom \d+", await page.GetByTestId("uncovered-detail").First.TextContentAsync());
        await PageBrowser.ScreenshotAsync(page, "admin-week.en");

        // Tab from the top: the menu, the week picker, re-run pairing and the exports are reached by keyboard.
        await page.Locator("body").FocusAsync();
        var reached = new HashSet<string>();
        for (var i = 0; i < 40 && reached.Count < 4; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string>("() => { const a = document.activeElement; return a?.closest('[data-testid]')?.dataset.testid ?? (a?.closest('.el-menu') ? 'admin-menu' : ''); }");
            if (id is "admin-menu" or "solve" or "export-csv" or "next-week") reached.Add(id);
        }

        Assert.True(reached.Count == 4, "reached by Tab: " + string.Join(", ", reached));
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Locator("[data-view=schools]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("setup-schools")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await PageBrowser.ScreenshotAsync(page, "admin-schools.en");
        await browser.ScreenshotInAsync(page, "zh-CN", "admin-schools.zh-CN", async zh =>
        {
            await Assertions.Expect(zh.GetByTestId("setup-schools").Locator("tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(zh.Locator("header h1")).ToHaveTextAsync("教务管理");
        });
        await AssertNoSeriousAxeViolationsAsync(page);
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_school_admin_sees_only_their_school()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN#week");
        await PageBrowser.SignInAsync(page, "school", Password);
        await Assertions.Expect(page.GetByTestId("setup-rooms")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(["rooms", "teachers", "bells", "demands", "people", "devices", "studios", "rosters"], await page.Locator("[data-view]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.view)"));
        Assert.Equal(0, await page.GetByTestId("alliance-select").CountAsync());
        await page.GetByTestId("school-select").ClickAsync();
        await Assertions.Expect(page.Locator(".el-select-dropdown__item:visible")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("setup-rooms").Locator("tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await PageBrowser.ScreenshotAsync(page, "admin-school.zh-CN");
        await browser.ScreenshotInAsync(page, "en", "admin-school.en", async en =>
        {
            await Assertions.Expect(en.GetByTestId("setup-rooms").Locator("tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(en.Locator("header h1")).ToHaveTextAsync("Administration");
        });
        await AssertNoSeriousAxeViolationsAsync(page);
    }

    private async Task AssertNoSeriousAxeViolationsAsync(IPage page)
    {
        var axe = Path.Combine(PageBrowser.RepoRoot, "web", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), "axe-core is installed by scripts/build-web.sh (npm ci)");
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
              .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)
            """);
        var violations = found.EnumerateArray().Select(v => v.GetString()!).ToList();
        output.WriteLine($"axe-core: {violations.Count} serious/critical violations");
        Assert.True(violations.Count == 0, "axe-core found: " + string.Join("\n", violations));
    }
}
