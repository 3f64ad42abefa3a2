using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The lead teacher signs in, sees this week's lessons with their rooms, and opens the studio,
/// which gets its join token from the server with the session: no token in any URL the browser
/// showed or requested.
/// </summary>
public sealed class TeacherLessonsPageTests(PageBrowser browser) : IClassFixture<PageBrowser>, IAsyncLifetime
{
    private readonly SchedulerHost _host = new();
    private string _baseUrl = string.Empty;

    public Task InitializeAsync()
    {
        _baseUrl = _host.StartOnLoopback();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        _host.DeleteData();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_teacher_opens_the_studio_from_this_weeks_lessons_and_no_token_travels_in_a_URL(string lang)
    {
        var english = lang == "en";
        await using var context = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        // The browser's calendar is the server's (fake) Monday morning, so "next lesson" means the same on both.
        await context.Clock.SetFixedTimeAsync(_host.Clock.GetUtcNow().UtcDateTime);
        var urls = new List<string>();
        var joins = new List<(string Url, int Status)>();
        context.Request += (_, r) => { lock (urls) urls.Add(r.Url); };
        context.Response += (_, r) => { if (r.Url.Contains("/join", StringComparison.Ordinal)) lock (joins) joins.Add((r.Url, r.Status)); };
        var page = await context.NewPageAsync();
        page.FrameNavigated += (_, f) => { lock (urls) urls.Add(f.Url); };

        await page.GotoAsync($"{_baseUrl}/teacher.html?lang={lang}");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(page, "wangfang", "classroom-2026", english);
        Assert.EndsWith($"/teacher.html?lang={lang}", page.Url, StringComparison.Ordinal);

        var lessons = page.GetByTestId("lesson");
        await Assertions.Expect(lessons.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True(await lessons.CountAsync() >= 2, "a week of music lessons");
        foreach (var rooms in await page.Locator("[data-testid=lesson] ul.rooms").AllAsync())
            Assert.True(await rooms.Locator("li").CountAsync() > 0, "every lesson lists its paired rooms");
        Assert.Equal(english ? "This week's lessons" : "本周课程", await page.TextContentAsync("#lessons-title"));
        await PageBrowser.ScreenshotAsync(page, $"teacher.{lang}");

        // The primary action is the next lesson's studio.
        var open = page.Locator("a.primary[data-testid=open-studio]");
        await Assertions.Expect(open).ToHaveCountAsync(1);
        var lessonId = await open.Locator("xpath=ancestor::li[@data-testid='lesson']").GetAttributeAsync("data-lesson");
        await open.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/studio\.html\?lesson=.*"), new() { Timeout = 30_000 });
        Assert.Contains("lesson=" + Uri.EscapeDataString(lessonId!), page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.ready", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = english ? "Go live" : "开始直播" })).ToBeEnabledAsync();
        await PageBrowser.ScreenshotAsync(page, $"studio.{lang}");

        Assert.Contains(joins, j => j.Url.EndsWith($"/api/lessons/{Uri.EscapeDataString(lessonId!)}/join", StringComparison.Ordinal) && j.Status == 200);
        lock (urls)
        {
            Assert.NotEmpty(urls);
            Assert.All(urls.Append(page.Url), u =>
            {
                Assert.DoesNotContain("token=", u, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("eyJ", u, StringComparison.Ordinal);
            });
        }
    }
}
