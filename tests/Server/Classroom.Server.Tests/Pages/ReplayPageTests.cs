using System.Diagnostics;
using System.Text.Json;
using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Identity;
using Classroom.Server.Tests.Recordings;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The replay page (web/vue, docs/replay.md "The replay page") in real Chromium against the real
/// server with a real ffmpeg-made HLS recording: a student of a paired class signs in, opens the
/// lesson, the video plays (time advances, a canvas sample is not blank), jumps to a question's
/// chapter, leaves, comes back through the home page and resumes near where they left, asks a
/// question and sees the teacher's answer; a student of another class sees no recording.
/// Prints the replay's first-frame time (issue 11's benchmark; no wall-clock assert).
/// </summary>
public sealed class ReplayPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(roles: "scheduler,hub"), "replay.html")
{
    private const string Password = "classroom-2026";
    private const string RecordingId = "rec-page-1";
    private static readonly (string Text, long At, string Status)[] Asked =
        [("为什么要移项？", 4_000, QuestionStatuses.Answered), ("这一步能再讲一遍吗？", 12_000, QuestionStatuses.Open)];

    private RecordingWorld _world = null!;

    protected override async Task ArrangeAsync()
    {
        _world = await RecordingWorld.BuildAsync(Host);
        await _world.RecordAsync(Host, RecordingId, Host.Clock.GetUtcNow().AddHours(-1), longer: true);
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        foreach (var q in Asked)
        {
            db.Questions.Add(new QuestionRecord
            {
                Id = Guid.NewGuid(), LessonId = _world.Lesson.LessonId, ClassroomId = _world.PairedRoom.ClassroomId, SchoolId = _world.PairedRoom.SchoolId,
                Text = q.Text, MediaTimeMs = q.At, ReceivedAtMs = 1, Status = q.Status, Author = "room",
            });
        }

        await db.SaveChangesAsync();
        await CreatePersonAsync("replay-student", RecordingWorld.StudentName, new Grant(AccountRole.Student, _world.Lesson.AllianceId, _world.PairedRoom.SchoolId, _world.PairedRoom.ClassroomId));
        await CreatePersonAsync("replay-other", "王小明", new Grant(AccountRole.Student, _world.Lesson.AllianceId, _world.UnpairedSchool, _world.UnpairedRoom));
    }

    [Fact]
    public async Task A_student_of_a_paired_class_plays_jumps_to_a_question_resumes_later_and_sees_the_answer_and_another_class_sees_nothing()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => { lock (console) console.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => { lock (console) console.Add("pageerror: " + e); };

        await page.GotoAsync($"{BaseUrl}/vue/replay.html?lang=zh-CN");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(page, "replay-student", Password);
        Assert.EndsWith("/vue/replay.html?lang=zh-CN", page.Url, StringComparison.Ordinal);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));

        // The lessons of my class; open the recorded one: it plays.
        var lesson = page.Locator($"[data-testid=recording][data-recording='{RecordingId}']");
        await Assertions.Expect(lesson).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var video = page.GetByTestId("video");
        var clicked = Stopwatch.StartNew();
        await lesson.ClickAsync();
        await WaitPlayingAsync(page, "v => !v.paused && v.currentTime > 0 && v.readyState >= 2", "the video starts");
        var untilPlaying = clicked.Elapsed.TotalMilliseconds;
        var firstFrame = await FirstFrameAsync(video);
        output.WriteLine($"replay first frame (Chromium, loopback, 20 s 320x180 H.264 fMP4): {firstFrame} ms from the click on the lesson to the first presented frame (requestVideoFrameCallback); "
            + $"{untilPlaying:F0} ms until the test saw it playing with currentTime > 0");
        var before = await CurrentTimeAsync(video);
        await WaitPlayingAsync(page, $"v => v.currentTime > {(before + 1.0).ToString(System.Globalization.CultureInfo.InvariantCulture)}", "time advances by a second");
        var sample = await video.EvaluateAsync<JsonElement>("""
            v => { const c = document.createElement('canvas'); c.width = 64; c.height = 36; const g = c.getContext('2d');
                   g.drawImage(v, 0, 0, 64, 36); const d = g.getImageData(0, 0, 64, 36).data; let min = 255, max = 0;
                   for (let i = 0; i < d.length; i += 4) { const y = (d[i] + d[i + 1] + d[i + 2]) / 3; if (y < min) min = y; if (y > max) max = y; }
                   return { min, max }; }
            """);
        Assert.True(sample.GetProperty("max").GetDouble() - sample.GetProperty("min").GetDouble() > 40, "a canvas sample of the video is not blank: " + sample);

        // The lesson's questions are the chapters, in media time order; jump to the second one.
        var chapters = page.GetByTestId("chapter");
        await Assertions.Expect(chapters).ToHaveCountAsync(2);
        Assert.Contains(Asked[0].Text, await chapters.Nth(0).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("0:12", await chapters.Nth(1).TextContentAsync(), StringComparison.Ordinal);
        await chapters.Nth(1).ClickAsync();
        await WaitPlayingAsync(page, "v => !v.seeking && v.currentTime >= 11.9 && v.currentTime < 14", "the jump lands at 0:12");
        await Assertions.Expect(chapters.Nth(1)).ToHaveAttributeAsync("aria-current", "true");
        await WaitPlayingAsync(page, "v => v.currentTime >= 13", "it plays on from the chapter");
        // Pause before leaving: on a busy machine the 20-s video would otherwise play on into its last
        // 5 s while the screenshot is taken, where the page rightly starts over instead of resuming.
        await video.EvaluateAsync("v => v.pause()");
        await PageBrowser.ScreenshotAsync(page, "replay.zh-CN");

        // Leave (the page reports the position when it is left) and come back through the home page.
        var left = await CurrentTimeAsync(video);
        await page.GotoAsync($"{BaseUrl}/index.html");
        var progress = await WaitForProgressAsync(context, ms => ms >= 12_000);
        output.WriteLine($"left at {left:F1} s; stored resume position {progress / 1000.0:F1} s");
        await page.GetByTestId("replay-link").ClickAsync();
        await page.Locator($"[data-testid=recording][data-recording='{RecordingId}']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("resumed")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await WaitPlayingAsync(page, "v => !v.paused && v.currentTime > 0 && v.readyState >= 2", "the video resumes");
        var resumedAt = await CurrentTimeAsync(video);
        output.WriteLine($"resumed at {resumedAt:F1} s");
        Assert.InRange(resumedAt, progress / 1000.0 - 0.5, left + 3);

        // Ask at this moment; the teacher answers; the answer shows after a refresh.
        await page.GetByTestId("question").FillAsync("第二步的符号为什么变了？");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交问题" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("ask-sent")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var asked = page.GetByTestId("replay-question").Filter(new() { HasText = "第二步的符号为什么变了？" });
        await Assertions.Expect(asked).ToHaveCountAsync(1);
        using (var teacher = Host.WithToken(_world.Teacher))
        {
            var list = await (await teacher.GetAsync($"/api/recordings/{RecordingId}/questions")).ReadAsync(System.Net.HttpStatusCode.OK);
            var mine = list.AsArray().Single(q => (string?)q!["text"] == "第二步的符号为什么变了？")!;
            Assert.InRange((long)mine["mediaTimeMs"]!, 12_000, 20_000);
            await (await teacher.PostJsonAsync($"/api/recordings/{RecordingId}/questions/{(string)mine["id"]!}/answer", new { text = "两边同时减去 3。" })).ReadAsync(System.Net.HttpStatusCode.OK);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "刷新回答" }).ClickAsync();
        await Assertions.Expect(asked.GetByTestId("answer")).ToContainTextAsync("两边同时减去 3。", new() { Timeout = 15_000 });
        await PageBrowser.ScreenshotAsync(page, "replay-answered.zh-CN");
        // The answered question in English: stored, so the lesson opened again shows it (the video paused for a still picture).
        await browser.ScreenshotInAsync(page, "en", "replay-answered.en", async en =>
        {
            var answered = en.GetByTestId("replay-question").Filter(new() { HasText = "第二步的符号为什么变了？" });
            await Assertions.Expect(answered.GetByTestId("answer")).ToContainTextAsync("两边同时减去 3。", new() { Timeout = 30_000 });
            await Assertions.Expect(en.Locator("label[for=question]")).ToContainTextAsync("My question");
            await PausedAsync(en);
        }, $"/vue/replay.html?recording={RecordingId}");
        await AssertNoSeriousAxeViolationsAsync(page);
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));

        // A student of a class that was not paired: no recording listed, and the link refused.
        await using var other = await browser.NewContextAsync("zh-CN");
        var otherPage = await other.NewPageAsync();
        await otherPage.GotoAsync($"{BaseUrl}/vue/replay.html?lang=zh-CN");
        await PageBrowser.SignInAsync(otherPage, "replay-other", Password);
        await Assertions.Expect(otherPage.GetByTestId("no-recordings")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(0, await otherPage.GetByTestId("recording").CountAsync());
        await otherPage.GotoAsync($"{BaseUrl}/vue/replay.html?recording={RecordingId}&lang=zh-CN");
        await Assertions.Expect(otherPage.GetByTestId("player-error")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(0, await otherPage.EvaluateAsync<int>("() => document.querySelector('video')?.currentTime ?? 0"));
    }

    [Fact]
    public async Task In_English_the_page_is_reachable_by_keyboard_and_plays()
    {
        await using var context = await browser.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/vue/replay.html?lang=en");
        await PageBrowser.SignInAsync(page, "replay-student", Password, english: true);
        await Assertions.Expect(page.Locator("#lessons-title")).ToHaveTextAsync("My class's recorded lessons", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("recording")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        // Tab to the lesson and open it with Enter (bounded: the header has a handful of stops).
        var reached = false;
        for (var i = 0; i < 15 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.dataset?.testid === 'recording'");
        }

        Assert.True(reached, "the lesson is reachable with Tab");
        var clicked = Stopwatch.StartNew();
        await page.Keyboard.PressAsync("Enter");
        await WaitPlayingAsync(page, "v => !v.paused && v.currentTime > 0 && v.readyState >= 2", "the video starts");
        output.WriteLine($"replay first frame (en, opened by keyboard): {await FirstFrameAsync(page.GetByTestId("video"))} ms (requestVideoFrameCallback); {clicked.Elapsed.TotalMilliseconds:F0} ms until seen playing");

        // A chapter by keyboard too.
        var chapter = page.GetByTestId("chapter").Nth(0);
        await chapter.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await WaitPlayingAsync(page, "v => !v.seeking && v.currentTime >= 3.9 && v.currentTime < 6", "the jump lands at 0:04");
        await Assertions.Expect(page.Locator("label[for=question]")).ToContainTextAsync("My question");
        await PageBrowser.ScreenshotAsync(page, "replay.en");
        await AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task The_teacher_opens_the_replay_from_the_week_and_answers_a_question_asked_on_it()
    {
        using (var student = Host.WithToken(_world.Student))
        {
            await (await student.PostJsonAsync($"/api/recordings/{RecordingId}/questions", new { id = Guid.NewGuid(), text = "老师，第三步没听懂。", mediaTimeMs = 6_000 }))
                .ReadAsync(System.Net.HttpStatusCode.Created);
        }

        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/teacher.html?lang=zh-CN");
        await PageBrowser.SignInAsync(page, "wangfang", Password);
        var replay = page.Locator($"[data-testid=lesson][data-lesson='{_world.Lesson.LessonId}'] [data-testid=open-replay]");
        await Assertions.Expect(replay).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await replay.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/vue/replay\.html\?recording=" + RecordingId), new() { Timeout = 30_000 });

        // The teacher sees the chapters, no question box of their own, and answers the student's question.
        await Assertions.Expect(page.GetByTestId("chapter")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        Assert.Equal("我的课程回放", await page.TextContentAsync("#lessons-title"));
        Assert.Equal(0, await page.GetByTestId("question").CountAsync());
        var asked = page.GetByTestId("replay-question").Filter(new() { HasText = "老师，第三步没听懂。" });
        await Assertions.Expect(asked).ToBeVisibleAsync();
        Assert.Contains("0:06", await asked.TextContentAsync(), StringComparison.Ordinal);
        await asked.GetByPlaceholder("回答这个问题").FillAsync("第三步是把 x 的系数化为 1。");
        await asked.GetByRole(AriaRole.Button, new() { Name = "提交回答" }).ClickAsync();
        await Assertions.Expect(asked.GetByTestId("answer")).ToContainTextAsync("第三步是把 x 的系数化为 1。", new() { Timeout = 15_000 });
        await PageBrowser.ScreenshotAsync(page, "replay-teacher.zh-CN");
        await browser.ScreenshotInAsync(page, "en", "replay-teacher.en", async en =>
        {
            var answered = en.GetByTestId("replay-question").Filter(new() { HasText = "老师，第三步没听懂。" });
            await Assertions.Expect(answered.GetByTestId("answer")).ToContainTextAsync("第三步是把 x 的系数化为 1。", new() { Timeout = 30_000 });
            await Assertions.Expect(en.GetByTestId("chapter")).ToHaveCountAsync(2);
            await PausedAsync(en);
        });
        await AssertNoSeriousAxeViolationsAsync(page);

        using var student2 = Host.WithToken(_world.Student);
        var detail = await (await student2.GetAsync($"/api/recordings/{RecordingId}")).ReadAsync(System.Net.HttpStatusCode.OK);
        Assert.Contains(detail["replayQuestions"]!.AsArray(), q => (string?)q!["answer"] == "第三步是把 x 的系数化为 1。");
    }

    private Task AssertNoSeriousAxeViolationsAsync(IPage page) => LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

    private async Task CreatePersonAsync(string userName, string displayName, Grant grant)
    {
        using var scope = Host.Services.CreateScope();
        var (created, result) = await scope.ServiceProvider.GetRequiredService<Accounts>().CreateAsync(userName, displayName, [grant], Password, CancellationToken.None);
        Assert.True(created is not null, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static Task WaitPlayingAsync(IPage page, string predicate, string what) => LessonPageKit.WaitReplayAsync(page, predicate, what);

    /// <summary>Once the video has a picture (not a blank box), pauses it for a still screenshot.</summary>
    private static async Task PausedAsync(IPage page)
    {
        await WaitPlayingAsync(page, "v => v.readyState >= 2", "the video has a picture");
        await page.GetByTestId("video").EvaluateAsync("v => v.pause()");
    }

    private static Task<double> CurrentTimeAsync(ILocator video) => video.EvaluateAsync<double>("v => v.currentTime");

    private static async Task<string> FirstFrameAsync(ILocator video)
    {
        await Assertions.Expect(video).Not.ToHaveAttributeAsync("data-first-frame-ms", "", new() { Timeout = 15_000 });
        return await video.GetAttributeAsync("data-first-frame-ms") ?? "?";
    }

    private Task<long> WaitForProgressAsync(IBrowserContext context, Func<long, bool> done) => LessonPageKit.WaitForProgressAsync(context, BaseUrl, RecordingId, done);
}
