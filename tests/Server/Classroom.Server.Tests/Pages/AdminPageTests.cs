using Classroom.Server.Tests.Scheduler;
using Classroom.Testing;
using Microsoft.Playwright;

namespace Classroom.Server.Tests.Pages;

/// <summary>The admin page in real headless Chromium against the real server (Kestrel on loopback).</summary>
public sealed class AdminPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly SchedulerHost _host = new();
    private string _baseUrl = string.Empty;

    public Task InitializeAsync()
    {
        var wwwroot = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "..", "src", "Server", "Classroom.Server", "wwwroot", "app", "pages", "admin.js");
        if (!File.Exists(Path.GetFullPath(wwwroot)))
            throw new InvalidOperationException("The web pages are not built: run `bash scripts/build-web.sh` (scripts/test.sh does) before the page tests.");
        _baseUrl = _host.StartOnLoopback();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        _host.DeleteData();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Shows_this_weeks_pairings_and_explains_unmet_demand_in_Chinese_then_English()
    {
        var page = await chromium.Context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        try
        {
            await page.GotoAsync($"{_baseUrl}/admin.html?lang=zh-CN");
            // The admin page needs a signed-in person (the demo district admin).
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
            await PageBrowser.SignInAsync(page, "admin", "classroom-2026");
            await page.WaitForSelectorAsync("#pairings tbody tr", new() { Timeout = 30_000 });
            Assert.Equal("联盟教务", await page.TextContentAsync("header h1"));
            Assert.Contains("城关一小教育联盟", await page.TextContentAsync("#alliance-name"), StringComparison.Ordinal);
            var rows = await page.Locator("#pairings tbody tr").CountAsync();
            Assert.True(rows >= 20, $"{rows} rows");
            Assert.Contains("2026-11-23", await page.TextContentAsync("#week"), StringComparison.Ordinal);
            var reasons = await page.Locator("#uncovered tbody tr td:nth-child(5)").AllTextContentsAsync();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", r));

            var before = await page.TextContentAsync("#stats");
            await page.ClickAsync("#solve");
            await page.WaitForFunctionAsync("() => document.querySelector('#stats').textContent.includes('调整 0')", null, new() { Timeout = 30_000 });
            Assert.Equal(rows, await page.Locator("#pairings tbody tr").CountAsync());
            Assert.Contains("已覆盖", before, StringComparison.Ordinal);

            await page.GotoAsync($"{_baseUrl}/admin.html?lang=en");
            await page.WaitForSelectorAsync("#pairings tbody tr", new() { Timeout = 30_000 });
            Assert.Equal("Alliance administration", await page.TextContentAsync("header h1"));
            var english = await page.Locator("#uncovered tbody tr td:nth-child(5)").First.TextContentAsync();
            Assert.Matches("^[A-Za-z]+$", english);
            Assert.Empty(errors);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
