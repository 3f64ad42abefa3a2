using System.Net;
using System.Text.Json;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.LessonPageKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The lead teacher's studio console (/vue/studio.html, docs/studio.md) on the all-in-one server
/// (scheduler, hub, relay) with Chromium's fake camera: the teacher signs in through the old
/// address (302 to the console), starts the lesson with the camera and the drawn courseware; two
/// rooms publish their wall cameras (test WHIP clients with the rooms' own join tokens) and join
/// the hub (the real SignalR client); their tiles show online with headcount; a question and a
/// raised hand reach the console; the teacher brings the room on stage by keyboard (its video and
/// audio play in the console) and takes it off; a quiz goes out and the room's answer shows per
/// room and in the total; the lesson ends.
/// </summary>
public sealed class StudioConsolePageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(now: BeforeLesson, roles: "scheduler,hub,relay"))
{
    protected override string Start() => StartAllInOne(Host);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_lead_teacher_runs_a_lesson_from_the_console(string lang)
    {
        var english = lang == "en";
        string T(string zh, string en) => english ? en : zh;
        var rooms = await PairedClassroomsAsync(Host);
        Assert.True(rooms.Count >= 2, "the demo's first lesson has at least two paired rooms");

        // The old address keeps its query through the redirect.
        using (var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            var moved = await anonymous.GetAsync($"{BaseUrl}/studio.html?lesson={Lesson}&lang={lang}");
            Assert.Equal(HttpStatusCode.Found, moved.StatusCode);
            Assert.Equal($"/vue/studio.html?lesson={Lesson}&lang={lang}", moved.Headers.Location?.ToString());
        }

        await using var teacher = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        var studio = await teacher.NewPageAsync();
        var console = new List<string>();
        studio.Console += (_, m) => { if (m.Type == "error") lock (console) console.Add(m.Text); };
        studio.PageError += (_, e) => { lock (console) console.Add("pageerror " + e); };
        await studio.GotoAsync($"{BaseUrl}/studio.html?lang={lang}&courseware=canvas&lesson={Lesson}");
        await Assertions.Expect(studio).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(studio, "wangfang", "classroom-2026", english);
        await Assertions.Expect(studio).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/vue/studio\.html\?"), new() { Timeout = 30_000 });
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.ready", Bound);
        await Assertions.Expect(studio.Locator("h1")).ToHaveTextAsync(T("主讲控制台", "Studio console"));
        // Devices are listed and the preview plays before going live.
        Assert.True(await studio.Locator("#camera-select option").CountAsync() >= 1);
        await AssertPlayingAsync(studio, "#preview");

        // Start the lesson: camera (three simulcast layers) and the drawn courseware slide.
        await studio.ClickAsync("#share");
        await Assertions.Expect(studio.Locator("#courseware-box")).ToHaveAttributeAsync("data-state", "canvas");
        await studio.ClickAsync("#start");
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-layers", "3");
        await Assertions.Expect(studio.GetByTestId("timer")).ToBeVisibleAsync();
        await Assertions.Expect(studio.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Bound);

        // Two rooms: each joins the hub as its PC would, checks in, and publishes its wall camera.
        var tiles = studio.GetByTestId("wall-tile");
        await Assertions.Expect(tiles).ToHaveCountAsync(rooms.Count, new() { Timeout = 30_000 });
        var hubs = new List<HubConnection>();
        var pcs = new List<IBrowserContext>();
        try
        {
            var grants = new Dictionary<long, TaskCompletionSource<string>>();
            var names = new Dictionary<long, string>();
            foreach (var id in rooms.Take(2))
            {
                var (name, token) = await RoomAsync(Host, id);
                Assert.False(string.IsNullOrEmpty(token), "the room's PC gets a join token five minutes before the lesson");
                names[id] = name;
                var granted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                grants[id] = granted;
                var hub = new HubConnectionBuilder()
                    .WithUrl(BaseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                hub.On<JsonElement>("StageGranted", g => granted.TrySetResult(g.GetProperty("publishToken").GetString()!));
                await hub.StartAsync();
                hubs.Add(hub);
                await hub.InvokeAsync<JsonElement>("CheckIn", new { id = Guid.NewGuid(), lessonId = Lesson, classroomId = id, present = 14, mediaTimeMs = 0 });
                var pc = await DeviceContextAsync(browser, Host, BaseUrl, id, english);
                pcs.Add(pc);
                var page = await pc.NewPageAsync();
                await page.GotoAsync($"{BaseUrl}/index.html");
                Assert.Equal(201, await PublishAsync(page, $"/whip/{Lesson}?producer=room", token, audio: false, 320, 180));
            }

            foreach (var id in rooms.Take(2))
            {
                var tile = studio.Locator($"[data-testid=wall-tile][data-producer='room:{id}']");
                await Assertions.Expect(tile).ToHaveAttributeAsync("data-state", "online", Bound);
                await Assertions.Expect(tile.Locator(".name")).ToContainTextAsync(names[id]);
                await Assertions.Expect(tile.Locator(".state")).ToHaveTextAsync(T("在线", "online"));
                await Assertions.Expect(tile.GetByTestId("presence")).ToHaveAttributeAsync("data-presence", "in", Bound);
                await Assertions.Expect(tile.GetByTestId("headcount")).ToContainTextAsync("14/", new() { Timeout = 30_000 });
                await Assertions.Expect(tile.GetByTestId("link-quality")).Not.ToHaveAttributeAsync("data-quality", "none", Bound);
                Assert.True(await tile.Locator("video").EvaluateAsync<int>("v => v.videoWidth") > 0);
            }

            foreach (var id in rooms.Skip(2))
                await Assertions.Expect(studio.Locator($"[data-testid=wall-tile][data-producer='room:{id}']")).ToHaveAttributeAsync("data-state", "offline");

            // Room 0 asks a question; room 1 raises its hand.
            var asker = rooms[0];
            var raiser = rooms[1];
            var text = T("老师，二分音符唱几拍？", "How many beats does a half note get?");
            await hubs[0].InvokeAsync<JsonElement>("AskQuestion", new { id = Guid.NewGuid(), lessonId = Lesson, classroomId = asker, text, mediaTimeMs = 0 });
            await hubs[1].InvokeAsync<JsonElement>("RaiseHand", new { id = Guid.NewGuid(), lessonId = Lesson, classroomId = raiser, mediaTimeMs = 0 });
            var question = studio.GetByTestId("question").Filter(new() { HasText = text });
            await Assertions.Expect(question).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(question).ToContainTextAsync(names[asker]);
            await Assertions.Expect(studio.Locator($"[data-testid=wall-tile][data-producer='room:{raiser}']")).ToHaveAttributeAsync("data-hand", "up", Bound);
            await Assertions.Expect(studio.Locator($"[data-testid=hand-queue][data-classroom='{raiser}']")).ToBeVisibleAsync();
            await PageBrowser.ScreenshotAsync(studio, $"studio-console.{lang}");
            await AssertNoSeriousAxeViolationsAsync(studio, output);

            // Every control is reachable by keyboard; "bring on stage" is pressed with Enter.
            var reached = await TabToAsync(studio, "push-quiz");
            foreach (var control in new[] { "camera-select", "microphone-select", "share", "stop", "bring-on-stage", "answered", "dismiss", "quiz-prompt", "quiz-options" })
                Assert.True(reached.Contains(control), $"{control} not reached by Tab; reached: {string.Join(", ", reached)}");
            await TabToAsync(studio, "bring-on-stage");
            await studio.Keyboard.PressAsync("Enter");

            // The room gets its stage token and publishes camera and microphone; the console plays both.
            var stageToken = await grants[raiser].Task.WaitAsync(TimeSpan.FromSeconds(30));
            var stagePage = await pcs[1].NewPageAsync();
            await stagePage.GotoAsync($"{BaseUrl}/index.html");
            Assert.Equal(201, await PublishAsync(stagePage, $"/whip/{Lesson}", stageToken, audio: true, 640, 360));
            var stage = studio.GetByTestId("stage-tile");
            await Assertions.Expect(stage).ToHaveAttributeAsync("data-producer", $"stage:{raiser}", Bound);
            await Assertions.Expect(stage).ToHaveAttributeAsync("data-state", "online", Bound);
            await Assertions.Expect(stage.Locator(".name")).ToContainTextAsync(names[raiser]);
            await AssertPlayingAsync(studio, "[data-testid=stage-tile] video");
            await studio.WaitForFunctionAsync("() => { const a = document.querySelector('[data-testid=stage-tile] audio'); return !!a && !a.paused && a.srcObject?.getAudioTracks().length === 1 && a.currentTime > 0; }", null, new() { Timeout = 30_000 });
            await Assertions.Expect(studio.Locator($"[data-testid=on-stage][data-classroom='{raiser}']")).ToBeVisibleAsync();
            await PageBrowser.ScreenshotAsync(studio, $"studio-console-stage.{lang}");

            await studio.Locator($"[data-testid=on-stage][data-classroom='{raiser}'] [data-testid=take-off]").ClickAsync();
            await Assertions.Expect(stage).ToBeHiddenAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(studio.GetByTestId("on-stage")).ToHaveCountAsync(0);

            // The question is answered; a quiz goes out and room 0's answer shows in its row and the total.
            await question.GetByTestId("answered").ClickAsync();
            await Assertions.Expect(question).ToBeHiddenAsync(new() { Timeout = 30_000 });
            await studio.FillAsync("#quiz-prompt", T("这首歌是几拍子？", "What is the time signature?"));
            await studio.FillAsync("#quiz-options", "2/4，3/4，4/4");
            await studio.ClickAsync("#push-quiz");
            var quiz = studio.GetByTestId("quiz").First;
            await Assertions.Expect(quiz).ToHaveAttributeAsync("data-open", "true", Bound);
            var quizId = Guid.Parse((await quiz.GetAttributeAsync("data-quiz"))!);
            await hubs[0].InvokeAsync<JsonElement>("AnswerQuiz", new { id = Guid.NewGuid(), lessonId = Lesson, classroomId = asker, quizId, counts = new[] { 3, 18, 2 }, studentAnswers = (object?)null, mediaTimeMs = 0 });
            var row = quiz.Locator($"[data-testid=quiz-room][data-classroom='{asker}'] td");
            await Assertions.Expect(row).ToHaveTextAsync(["3", "18", "2"], new() { Timeout = 30_000 });
            await Assertions.Expect(quiz.Locator("[data-testid=quiz-total] td")).ToHaveTextAsync(["3", "18", "2"]);
            await Assertions.Expect(quiz.Locator($"[data-testid=quiz-room][data-classroom='{raiser}'] td")).ToHaveTextAsync(["0", "0", "0"]);
            await Assertions.Expect(quiz.GetByTestId("quiz-answered")).ToContainTextAsync($"1/{rooms.Count}");
            await PageBrowser.ScreenshotAsync(studio, $"studio-console-quiz.{lang}");
            await quiz.GetByTestId("close-quiz").ClickAsync();
            await Assertions.Expect(quiz).ToHaveAttributeAsync("data-open", "false", Bound);

            // The recording badge says what the lesson's recordings say; the lesson ends.
            var recording = await studio.GetByTestId("recording").GetAttributeAsync("data-state");
            output.WriteLine($"recording indicator: {recording}");
            Assert.Contains(recording, new[] { "recording", "notRecording" });
            await studio.ClickAsync("#stop");
            await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.ended", Bound);
            await Assertions.Expect(studio.Locator("#start")).ToBeEnabledAsync();
            lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
            foreach (var pc in pcs) await pc.DisposeAsync();
        }
    }

    /// <summary>Presses Tab from the top until the element with this test id has focus (bounded); returns what was reached (ids or test ids).</summary>
    private static async Task<HashSet<string>> TabToAsync(IPage page, string testId)
    {
        // A click on the heading (not focusable) moves the sequential focus starting point to the top.
        await page.Locator("h1").ClickAsync();
        var reached = new HashSet<string>();
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? (e.id || e.dataset.testid || e.tagName) : ''; }");
            reached.Add(focused);
            if (focused == testId) return reached;
        }

        throw new Xunit.Sdk.XunitException($"{testId} not reached in 120 Tabs; reached: {string.Join(", ", reached)}");
    }
}
