using System.Net;
using System.Text.RegularExpressions;
using Classroom.Contracts.Access;
using Classroom.Identity;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The admin page is the Vue console (docs/admin-console.md "The plain page retired"), in real
/// Chromium against the real server with the demo alliance: every admin role signs in on the real
/// sign-in page and lands on <c>/vue/admin.html</c> in the view their grants allow (an auditor on
/// the audit log); an old <c>/admin.html</c> bookmark answers 301 to the console with its query,
/// and the browser keeps its #view; re-running pairing of a week already solved keeps its pairings
/// (the one behaviour the plain page's test proved that the console's tests did not).
/// </summary>
public sealed class AdminPageTests(PageBrowser browser) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";
    private const string DemoAlliance = "城关一小教育联盟 (演示)";

    [Fact]
    public async Task The_old_address_answers_a_permanent_redirect_to_the_console_with_its_query()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
        foreach (var (path, target) in new[]
                 {
                     ("/admin.html", "/vue/admin.html"),
                     ("/admin.html?lang=en", "/vue/admin.html?lang=en"),
                     ("/ADMIN.html?lang=zh-CN&x=1", "/vue/admin.html?lang=zh-CN&x=1"),
                 })
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var response = await http.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)));
                Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
                Assert.Equal(target, response.Headers.Location?.OriginalString);
            }
        }

        // Not the old page's file (its source and build entry are deleted; this checks the served answer).
        using var page = await http.GetAsync(new Uri("/admin.html", UriKind.Relative));
        Assert.DoesNotContain("/app/pages/admin.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The home page links to the console.
        var home = await http.GetStringAsync(new Uri("/index.html", UriKind.Relative));
        Assert.Contains("href=\"/vue/admin.html\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin.html\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_district_admin_signs_in_lands_on_the_console_and_an_old_bookmark_opens_its_view_there()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);

        // The real sign-in page, opened by itself (no returnUrl): the landing page is sign-in's choice (homeFor).
        await page.GotoAsync($"{BaseUrl}/sign-in.html?lang=zh-CN");
        await PageBrowser.SignInAsync(page, "admin", Password);
        await Assertions.Expect(page).ToHaveURLAsync(BaseUrl + "/vue/admin.html", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("setup-alliances")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("header h1")).ToHaveTextAsync("教务管理");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("教育局管理员");
        await Assertions.Expect(page.GetByTestId("alliance-select")).ToContainTextAsync(DemoAlliance, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("list").GetByText(DemoAlliance)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await PageBrowser.ScreenshotAsync(page, "admin-landing.zh-CN"); // the README's picture of the admin page

        // An old bookmark of the plain page, with a language and a view: 301, the query kept by the
        // server, the #view (with its own ?from=) kept by the browser.
        var redirects = new List<string>();
        page.Response += (_, r) => { if (new Uri(r.Url).AbsolutePath == "/admin.html") lock (redirects) redirects.Add($"{r.Status} {r.Headers.GetValueOrDefault("location")}"); };
        await page.GotoAsync($"{BaseUrl}/admin.html?lang=en#week?from=2026-11-23");
        await Assertions.Expect(page).ToHaveURLAsync(BaseUrl + "/vue/admin.html?lang=en#week?from=2026-11-23", new() { Timeout = 30_000 });
        lock (redirects) Assert.Equal(["301 /vue/admin.html?lang=en"], redirects);
        await Assertions.Expect(page.GetByTestId("week-view")).ToHaveAttributeAsync("data-from", "2026-11-23", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("lesson").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("header h1")).ToHaveTextAsync("Administration");

        // A return URL that still names the old page (a link made before) ends on the console too.
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/sign\-in\.html"), new() { Timeout = 30_000 });
        await page.GotoAsync($"{BaseUrl}/sign-in.html?lang=zh-CN&returnUrl=%2Fadmin.html%3Flang%3Dzh-CN");
        await PageBrowser.SignInAsync(page, "admin", Password);
        await Assertions.Expect(page).ToHaveURLAsync(BaseUrl + "/vue/admin.html?lang=zh-CN", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("setup-alliances").Or(page.GetByTestId("week-view"))).ToBeVisibleAsync(new() { Timeout = 30_000 });
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("school", "zh-CN", "setup-rooms")]
    [InlineData("alliance", "zh-CN", "week-view")]
    [InlineData("auditor", "en", "audit-view")]
    public async Task Every_admin_role_lands_on_the_console_in_the_view_its_grants_allow(string who, string lang, string landing)
    {
        var en = lang == "en";
        if (who == "alliance") await CreateAsync("alliance", "联盟教务员", new Grant(AccountRole.AllianceAdmin, 1));
        if (who == "auditor") await CreateAsync("auditor", "县审计员", new Grant(AccountRole.Auditor));
        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/sign-in.html?lang={lang}");
        await PageBrowser.SignInAsync(page, who, Password, en);
        await Assertions.Expect(page).ToHaveURLAsync(BaseUrl + "/vue/admin.html", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId(landing)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("header h1")).ToHaveTextAsync(en ? "Administration" : "教务管理");
        var views = await page.Locator("[data-view]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.view)");
        switch (who)
        {
            case "auditor":
                Assert.Equal(["audit"], views); // only the audit log
                await Assertions.Expect(page.GetByTestId("audit-list")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Assertions.Expect(page.GetByTestId("audit-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 }); // their own sign-in at least
                await PageBrowser.ScreenshotAsync(page, "admin-landing.en");
                break;
            case "school":
                Assert.DoesNotContain("week", views); // no alliance-wide views
                break;
            default:
                Assert.Equal("week", views[0]);
                Assert.DoesNotContain("alliances", views); // the county's list is the district admin's
                break;
        }

        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    /// <summary>
    /// Moved from the plain page's test: re-running pairing of a week that is already solved keeps
    /// its pairings (nothing moved, the same lessons), and the counts say so in the page's language.
    /// </summary>
    [Fact]
    public async Task Re_running_pairing_of_the_solved_week_keeps_its_pairings()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/sign-in.html?lang=zh-CN");
        await PageBrowser.SignInAsync(page, "admin", Password);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN#week?from=2026-11-23");
        await Assertions.Expect(page.GetByTestId("week-view")).ToHaveAttributeAsync("data-from", "2026-11-23", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("lesson").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var lessons = await page.GetByTestId("lesson").CountAsync();
        Assert.True(lessons >= 10, $"{lessons} lessons"); // the demo week has 13 lead lessons, each with its paired rooms
        await Assertions.Expect(page.GetByTestId("stats")).ToContainTextAsync("已覆盖");
        var lessonIds = await page.GetByTestId("lesson").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.lesson).sort()");

        await page.GetByTestId("solve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-message")).ToHaveTextAsync("排课完成", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("stats")).ToContainTextAsync(new Regex("保留 [1-9][0-9]*，调整 0，"), new() { Timeout = 30_000 });
        Assert.Equal(lessonIds, await page.GetByTestId("lesson").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.lesson).sort()"));

        // The same in English.
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=en#week?from=2026-11-23");
        await Assertions.Expect(page.GetByTestId("lesson").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("solve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-message")).ToHaveTextAsync("Pairing finished", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("stats")).ToContainTextAsync(new Regex("kept [1-9][0-9]*, moved 0,"));
        Assert.Equal(lessons, await page.GetByTestId("lesson").CountAsync());
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal));
    }

    private async Task CreateAsync(string userName, string name, Grant grant)
    {
        using var scope = Host.Services.CreateScope();
        var (created, result) = await scope.ServiceProvider.GetRequiredService<Accounts>()
            .CreateAsync(userName, name, [grant], Password, CancellationToken.None);
        Assert.True(created is not null, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
