using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;

namespace Classroom.Server.Tests.Pages;

/// <summary>Sign-in, sign-out and the account page in real Chromium against the real server with the demo accounts.</summary>
public sealed class SignInPageTests(PageBrowser browser) : ServerPageTest(new SchedulerHost())
{
    private const string Password = "classroom-2026";

    [Fact]
    public async Task An_admin_signs_in_sees_the_console_signs_out_and_is_sent_back_to_sign_in()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(m.Text); };

        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        Assert.Contains("returnUrl=%2Fvue%2Fadmin.html", page.Url, StringComparison.Ordinal);
        Assert.Equal("登录", await page.TextContentAsync("main h2"));
        await PageBrowser.ScreenshotAsync(page, "sign-in.zh-CN");

        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        var error = page.GetByTestId("sign-in-error");
        await Assertions.Expect(error).ToHaveTextAsync("用户名或密码不正确。");
        Assert.Contains("/sign-in.html", page.Url, StringComparison.Ordinal);
        await PageBrowser.ScreenshotAsync(page, "sign-in-error.zh-CN");

        await PageBrowser.SignInAsync(page, "admin", Password);
        Assert.EndsWith("/vue/admin.html?lang=zh-CN", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("setup-alliances")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("教育局管理员");
        // The district admin's menu has the audit log and people (the console's, docs/admin-people.md).
        await Assertions.Expect(page.Locator("[data-view=audit]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-view=people]")).ToBeVisibleAsync();

        // The account page: a personal access token is shown once, then listed without its secret.
        await page.GotoAsync($"{BaseUrl}/account.html?lang=zh-CN");
        await page.GetByLabel("名称", new() { Exact = true }).FillAsync("导出脚本");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建令牌" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-token")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.GetByTestId("token-row")).ToHaveCountAsync(1);
        var secret = await page.GetByTestId("new-token").TextContentAsync();
        Assert.DoesNotContain(secret!, await page.Locator("#tokens").TextContentAsync() ?? "", StringComparison.Ordinal);
        await PageBrowser.ScreenshotAsync(page, "account.zh-CN");
        await page.GetByRole(AriaRole.Button, new() { Name = "吊销令牌 导出脚本" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("token-row")).ToContainTextAsync("已吊销");

        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN");
        await Assertions.Expect(page.GetByTestId("setup-alliances")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html"), new() { Timeout = 30_000 });
        await page.GotoAsync($"{BaseUrl}/vue/admin.html");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        Assert.Equal(0, await page.GetByTestId("setup-alliances").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_sign_in_page_speaks_English_and_says_why_a_sign_in_failed()
    {
        await using var context = await browser.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/sign-in.html?lang=en");
        Assert.Equal("Sign in", await page.TextContentAsync("main h2"));
        await PageBrowser.ScreenshotAsync(page, "sign-in.en");

        await page.GetByLabel("User name", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("The user name or password is not right.");
        await PageBrowser.ScreenshotAsync(page, "sign-in-error.en");

        // No returnUrl: an admin lands on the admin console, still in English.
        await PageBrowser.SignInAsync(page, "admin", Password, english: true);
        Assert.EndsWith("/vue/admin.html", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("setup-alliances")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("header h1")).ToHaveTextAsync("Administration");
        await page.GotoAsync($"{BaseUrl}/account.html?lang=en");
        await Assertions.Expect(page.Locator("#totp-state")).ToHaveTextAsync("Off.");
        // Every text of the page is translated: none shows its raw key (the password rule once did).
        await Assertions.Expect(page.Locator("#new-password-help")).ToHaveTextAsync("At least 8 characters, with letters and digits.");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-i18n]')].filter(e => e.textContent.trim() === e.dataset.i18n).map(e => e.dataset.i18n)"));
        await PageBrowser.ScreenshotAsync(page, "account.en");

        // An absolute URL as returnUrl is ignored (no open redirect).
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html"), new() { Timeout = 30_000 });
        await page.GotoAsync($"{BaseUrl}/sign-in.html?lang=en&returnUrl=%2F%2Fevil.example%2Fx");
        await PageBrowser.SignInAsync(page, "admin", Password, english: true);
        Assert.StartsWith(BaseUrl + "/vue/admin.html", page.Url, StringComparison.Ordinal);
    }
}
