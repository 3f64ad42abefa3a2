using System.Globalization;
using System.Net;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The district-wide solve and the change list of a solve in the Vue admin console
/// (docs/admin-solve.md), in real Chromium against the real server with the demo alliance: a lead
/// lesson is deleted, the district admin runs the district solve of the current week from the
/// console, follows its progress, reads the demo alliance's result and the pairings it removed with
/// the reason ("the lead lesson was deleted"), opens that alliance's week at that week, finds the same
/// list there after a reload, re-solves the alliance (nothing changed), and reads the server's
/// refusal when the solve's rate limit is spent. axe-core; screenshots in both languages.
/// </summary>
public sealed class AdminSolvePageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";
    private const string DemoAlliance = "城关一小教育联盟 (演示)";
    private const string Week = "2026-11-23";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_district_admin_runs_the_district_solve_reads_what_changed_and_opens_the_alliance_week(string lang)
    {
        var en = lang == "en";
        string T(string zh, string english) => en ? english : zh;

        // The demo alliance's current week is solved at start; one of its lead lessons with paired rooms is deleted.
        using var api = Host.Admin();
        var week = await api.CurrentWeekAsync(1);
        Assert.Equal(Week, (string?)week["from"]);
        var pairings = week["pairings"]!.AsArray().Select(p => p!).ToList();
        var lesson = pairings.GroupBy(p => (long)p["leadLessonId"]!).OrderByDescending(g => g.Count()).First();
        var removedKeys = lesson.Select(p => $"{p["lessonId"]}|{p["classroomId"]}").ToHashSet();
        await (await api.DeleteAsync($"/api/lead-lessons/{lesson.Key}")).ReadAsync(HttpStatusCode.NoContent);

        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        try
        {
            await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
            await PageBrowser.SignInAsync(page, "admin", Password, en);
            await Assertions.Expect(page.GetByTestId("scope-bar")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await ChooseAsync(page, "alliance-select", T("全区县", "District"));
            await Assertions.Expect(page.Locator("[data-view=solve]")).ToHaveTextAsync(T("区县统一排课", "District pairing"), new() { Timeout = 30_000 });
            await page.Locator("[data-view=solve]").ClickAsync();
            await Assertions.Expect(page.GetByTestId("district-solve")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            // The server's current week, as the week view starts; the picker moves by whole weeks.
            await Assertions.Expect(page.GetByTestId("solve-range")).ToHaveTextAsync(T($"{Week} 至 2026-11-29", $"{Week} to 2026-11-29"), new() { Timeout = 30_000 });
            await page.GetByTestId("solve-next-week").ClickAsync();
            await Assertions.Expect(page.GetByTestId("solve-range")).ToContainTextAsync("2026-11-30");
            await page.GetByTestId("solve-prev-week").ClickAsync();
            await Assertions.Expect(page.GetByTestId("solve-range")).ToContainTextAsync($"{Week} ");

            // Run it: the job's progress, then every alliance's result.
            await page.EvaluateAsync("""
                () => { window.__progressSeen = false; new MutationObserver(() => { if (document.querySelector('[data-testid=district-solve-progress]')) window.__progressSeen = true; })
                  .observe(document.body, { childList: true, subtree: true }); }
                """);
            await page.GetByTestId("district-solve-start").ClickAsync();
            await Assertions.Expect(page.GetByTestId("district-solve-done")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            Assert.True(await page.EvaluateAsync<bool>("() => window.__progressSeen"), "the district job's progress was never shown");
            var demoRow = page.Locator("[data-testid=district-run][data-alliance='1']");
            await Assertions.Expect(demoRow).ToHaveAttributeAsync("data-state", "done");
            await Assertions.Expect(demoRow).ToContainTextAsync(DemoAlliance);
            Assert.True(int.Parse(await demoRow.GetByTestId("run-covered").InnerTextAsync(), CultureInfo.InvariantCulture) > 0);
            Assert.Contains("#solve?from=2026-11-23&job=", page.Url, StringComparison.Ordinal);

            // What changed for the demo alliance: the deleted lesson's pairings, removed because the lesson was deleted.
            var changes = page.GetByTestId("solve-changes");
            await Assertions.Expect(changes.GetByTestId("change-list")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await AssertRemovedAsync(page, removedKeys, T("主讲课已删除", "The lead lesson was deleted"));
            await PageBrowser.ScreenshotAsync(page, $"admin-solve-district.{lang}");
            await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

            // To the alliance's week at that week; its changes are there, and after a reload too.
            await demoRow.GetByTestId("open-week").ClickAsync();
            await Assertions.Expect(page.GetByTestId("week-view")).ToHaveAttributeAsync("data-from", Week, new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("alliance-select")).ToContainTextAsync(DemoAlliance);
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByTestId("week-view")).ToHaveAttributeAsync("data-from", Week, new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("lesson").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("solve-changes").Locator("summary").ClickAsync();
            await Assertions.Expect(page.GetByTestId("change-list")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await AssertRemovedAsync(page, removedKeys, T("主讲课已删除", "The lead lesson was deleted"));
            await PageBrowser.ScreenshotAsync(page, $"admin-solve-week.{lang}");
            await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

            // Re-solving the alliance changes nothing now: the list says so, opened by itself.
            await page.GetByTestId("solve").ClickAsync();
            await Assertions.Expect(page.GetByTestId("week-message")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            await Assertions.Expect(page.GetByTestId("changes-none")).ToHaveTextAsync(T("与上次排课相比没有变化。", "Nothing changed since the previous solve."), new() { Timeout = 30_000 });

            // The solve's rate limit spent: the console shows the server's refusal in the page's language.
            await page.EvaluateAsync("""
                async () => {
                  const csrf = (await (await fetch('/api/auth/session')).json()).csrf;
                  for (let i = 0; i < 10; i++)
                    await fetch('/api/district/solve', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf }, body: JSON.stringify({ from: '2026-11-23', to: '2026-11-29' }) });
                }
                """);
            await ChooseAsync(page, "alliance-select", T("全区县", "District"));
            await page.Locator("[data-view=solve]").ClickAsync();
            await page.GetByTestId("district-solve-start").ClickAsync();
            await Assertions.Expect(page.GetByTestId("district-solve-error")).ToContainTextAsync(T("操作过于频繁", "Too many requests"), new() { Timeout = 30_000 });
        }
        catch
        {
            output.WriteLine(string.Join('\n', console));
            throw;
        }
    }

    /// <summary>The list's removed rows are exactly the deleted lesson's pairings, each with the reason.</summary>
    private static async Task AssertRemovedAsync(IPage page, IReadOnlySet<string> expected, string reason)
    {
        var removed = page.Locator("[data-testid=change][data-kind=removed]");
        await Assertions.Expect(removed).ToHaveCountAsync(expected.Count, new() { Timeout = 30_000 });
        var reasons = await removed.Locator("[data-testid=change-reason]").AllInnerTextsAsync();
        Assert.All(reasons, r => Assert.Equal(reason, r));
        var shown = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=change][data-kind=removed]')].map(e => e.dataset.key)");
        Assert.Equal(expected.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        Assert.All(await removed.Locator("[data-testid=change-room]").AllInnerTextsAsync(), r => Assert.False(string.IsNullOrWhiteSpace(r)));
    }
}
