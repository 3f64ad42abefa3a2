using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// axe-core (WCAG 2.1 A/AA) on the plain TypeScript pages that are not Vue pages: the home page,
/// sign-in (also with its error shown), the one-time enrolment page, the account page, the player
/// and the old plain kiosk, in both languages. The Vue pages are checked by their own tests.
/// </summary>
public sealed class PlainPagesAccessibilityTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost())
{
    private const string Password = "classroom-2026";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Every_plain_page_has_no_serious_axe_violation(string lang)
    {
        var en = lang == "en";
        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var page = await context.NewPageAsync();
        var found = new List<string>();

        async Task CheckAsync(string name)
        {
            var violations = await LessonPageKit.SeriousAxeViolationsAsync(page);
            output.WriteLine($"{name} ({lang}): {violations.Count} serious/critical");
            found.AddRange(violations.Select(v => $"{name}: {v}"));
        }

        await page.GotoAsync($"{BaseUrl}/index.html?lang={lang}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckAsync("home");

        await page.GotoAsync($"{BaseUrl}/sign-in.html?lang={lang}");
        await CheckAsync("sign-in");
        await page.GetByLabel(en ? "User name" : "用户名", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel(en ? "Password" : "密码", new() { Exact = true }).FillAsync("wrong-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = en ? "Sign in" : "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sign-in-error")).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });
        await CheckAsync("sign-in with its error");

        await page.GotoAsync($"{BaseUrl}/enrol.html?lang={lang}#code=en_not-a-real-code");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckAsync("enrol");

        await page.GotoAsync($"{BaseUrl}/classroom.html?lang={lang}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckAsync("plain kiosk");

        await page.GotoAsync($"{BaseUrl}/sign-in.html?lang={lang}");
        await PageBrowser.SignInAsync(page, "admin", Password, en);
        await page.GotoAsync($"{BaseUrl}/account.html?lang={lang}");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckAsync("account");

        await page.GotoAsync($"{BaseUrl}/player.html?lang={lang}&lesson=L1-20261123");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckAsync("player");

        Assert.True(found.Count == 0, "axe-core found:\n" + string.Join("\n", found));
    }
}
