using System.Net;
using System.Text.Json;
using Classroom.Server.Tests.Recordings;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The teacher's week (Vue, /vue/teacher.html, docs/teacher-week.md) in real Chromium against the
/// real server: the old /teacher.html sends the teacher through sign-in to the Vue page; this
/// week's lessons by day with their paired rooms; "open studio" on the next lesson pointing at the
/// studio console with the lesson query; a recorded lesson (real ffmpeg HLS) with its replay link
/// and the question a student asked on the replay, answered from the week by keyboard; the next
/// week and back; axe-core finds no serious violation; no token in any URL.
/// </summary>
public sealed class TeacherLessonsPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(roles: "scheduler,hub"), "teacher.html")
{
    private const string RecordingId = "rec-week-1";
    private const string Asked = "老师，第三步为什么要这样唱？";
    private RecordingWorld _world = null!;

    protected override async Task ArrangeAsync()
    {
        _world = await RecordingWorld.BuildAsync(Host);
        await _world.RecordAsync(Host, RecordingId, Host.Clock.GetUtcNow().AddHours(-1));
        using var student = Host.WithToken(_world.Student);
        await (await student.PostJsonAsync($"/api/recordings/{RecordingId}/questions", new { id = Guid.NewGuid(), text = Asked, mediaTimeMs = 2_000 }))
            .ReadAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_old_addresses_redirect_to_the_Vue_pages_keeping_their_query()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
        using (var week = await http.GetAsync(new Uri("/teacher.html?lang=en", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Found, week.StatusCode);
            Assert.Equal("/vue/teacher.html?lang=en", week.Headers.Location?.OriginalString);
        }

        // The old lesson console's address opens the studio console of that lesson; the old studio page's too.
        using (var console = await http.GetAsync(new Uri("/teacher.html?lesson=abc&lang=en", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Found, console.StatusCode);
            Assert.Equal("/vue/studio.html?lesson=abc&lang=en", console.Headers.Location?.OriginalString);
        }

        using (var studio = await http.GetAsync(new Uri("/studio.html?lesson=abc", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Found, studio.StatusCode);
            Assert.Equal("/vue/studio.html?lesson=abc", studio.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Signing_in_without_a_return_address_lands_a_teacher_on_the_Vue_week()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/sign-in.html");
        await PageBrowser.SignInAsync(page, "wangfang", "classroom-2026");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/vue/teacher\.html$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("lesson").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_teacher_sees_the_week_opens_the_studio_and_replay_and_answers_a_replay_question_by_keyboard(string lang)
    {
        var english = lang == "en";
        await using var context = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        // The browser's calendar is the server's (fake) Monday morning, so "next lesson" means the same on both.
        await context.Clock.SetFixedTimeAsync(Host.Clock.GetUtcNow().UtcDateTime);
        var urls = new List<string>();
        context.Request += (_, r) => { lock (urls) urls.Add(r.Url); };
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (console) console.Add(m.Text); };
        page.PageError += (_, e) => { lock (console) console.Add("pageerror: " + e); };
        page.FrameNavigated += (_, f) => { lock (urls) urls.Add(f.Url); };

        // The old address, as bookmarks and the home page have it.
        await page.GotoAsync($"{BaseUrl}/teacher.html?lang={lang}");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(page, "wangfang", "classroom-2026", english);
        Assert.EndsWith($"/vue/teacher.html?lang={lang}", page.Url, StringComparison.Ordinal);
        Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));

        var lessons = page.GetByTestId("lesson");
        await Assertions.Expect(lessons.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True(await lessons.CountAsync() >= 2, "a week of music lessons");
        foreach (var rooms in await page.Locator("[data-testid=lesson] ul.rooms").AllAsync())
            Assert.True(await rooms.Locator("li").CountAsync() > 0, "every lesson lists its paired rooms");
        Assert.Equal(english ? "This week's lessons" : "本周课程", await page.TextContentAsync("#lessons-title"));

        // The primary action is the next lesson's studio console, with the same query as the plain studio page had.
        var open = page.Locator("a.primary[data-testid=open-studio]");
        await Assertions.Expect(open).ToHaveCountAsync(1);
        var lessonId = await open.Locator("xpath=ancestor::li[@data-testid='lesson']").GetAttributeAsync("data-lesson");
        Assert.Equal("/vue/studio.html?lesson=" + Uri.EscapeDataString(lessonId!), await open.GetAttributeAsync("href"));

        // The recorded lesson links its replay and says a question waits; the question is listed to answer.
        var recorded = page.Locator($"[data-testid=lesson][data-lesson='{_world.Lesson.LessonId}']");
        await Assertions.Expect(recorded.GetByTestId("open-replay")).ToHaveAttributeAsync("href", "/vue/replay.html?recording=" + RecordingId, new() { Timeout = 15_000 });
        await Assertions.Expect(recorded.GetByTestId("to-answer")).ToContainTextAsync("1");
        var question = page.GetByTestId("question-to-answer").Filter(new() { HasText = Asked });
        await Assertions.Expect(question).ToBeVisibleAsync();
        Assert.Contains("0:02", await question.TextContentAsync(), StringComparison.Ordinal);
        await PageBrowser.ScreenshotAsync(page, $"teacher-week.{lang}");
        await AssertNoSeriousAxeViolationsAsync(page);

        // Every control is reachable by keyboard: Tab from the top reaches the week navigation, the studio, the replay and the answer box.
        await page.Locator("body").FocusAsync();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 80 && !reached.Contains("answer"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e?.dataset?.testid ?? (e?.id?.startsWith('answer-') ? 'answer' : e?.tagName ?? ''); }");
            reached.Add(id);
        }

        foreach (var control in new[] { "sign-out", "prev-week", "next-week", "open-studio", "open-replay", "answer" })
            Assert.True(reached.Contains(control), $"{control} is not reachable by Tab (reached: {string.Join(", ", reached)})");

        // Answer by keyboard: the focus is in the answer box now.
        var answer = english ? "Because the melody goes up there." : "因为旋律在这里上行。";
        await page.Keyboard.TypeAsync(answer);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("answered")).ToContainTextAsync(Asked, new() { Timeout = 15_000 });
        await Assertions.Expect(question).ToHaveCountAsync(0);
        await Assertions.Expect(recorded.GetByTestId("to-answer")).ToHaveCountAsync(0);
        using (var student = Host.WithToken(_world.Student))
        {
            var detail = await (await student.GetAsync($"/api/recordings/{RecordingId}")).ReadAsync(HttpStatusCode.OK);
            Assert.Contains(detail["replayQuestions"]!.AsArray(), q => (string?)q!["answer"] == answer);
        }

        // Another week, and back.
        var thisWeek = await page.GetByTestId("week-range").TextContentAsync();
        await page.GetByTestId("next-week").ClickAsync();
        await Assertions.Expect(page.GetByTestId("week-range")).Not.ToHaveTextAsync(thisWeek!);
        await Assertions.Expect(page.Locator("#lessons-title")).Not.ToHaveTextAsync(english ? "This week's lessons" : "本周课程");
        await Assertions.Expect(lessons.First.Or(page.GetByTestId("no-lessons"))).ToBeVisibleAsync(new() { Timeout = 15_000 });
        lock (urls) Assert.Contains(urls, u => u.Contains("/api/me/lessons?from=", StringComparison.Ordinal));
        await page.GetByTestId("this-week").ClickAsync();
        await Assertions.Expect(page.Locator("#lessons-title")).ToHaveTextAsync(english ? "This week's lessons" : "本周课程");
        await Assertions.Expect(page.GetByTestId("week-range")).ToHaveTextAsync(thisWeek!);

        lock (urls)
        {
            Assert.NotEmpty(urls);
            Assert.All(urls.Append(page.Url), u =>
            {
                Assert.DoesNotContain("token=", u, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("eyJ", u, StringComparison.Ordinal);
            });
        }

        lock (console) Assert.True(console.Count == 0, "page errors: " + string.Join("\n", console));
    }

    /// <summary>axe-core (web/node_modules, installed by build-web.sh) in the page: no serious or critical WCAG 2 A/AA violation.</summary>
    private async Task AssertNoSeriousAxeViolationsAsync(IPage page)
    {
        var axe = Path.Combine(PageBrowser.RepoRoot, "web", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), "axe-core is installed by scripts/build-web.sh (npm ci)");
        // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
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
