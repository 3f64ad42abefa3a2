using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Classroom.Server.Tests.Scheduler;
using Classroom.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The classroom projector kiosk (Vue, <c>/vue/kiosk.html</c>; docs/kiosk.md) on the all-in-one
/// server (scheduler, hub, relay) with Chromium's fake camera: an enrolled room waits on its
/// countdown and joins by itself when the joining window opens; the studio page goes live and the
/// kiosk shows moving video (decoded frames grow, a canvas sample changes), courseware large when
/// shared; a check-in with two absentees from the roster and a quiz answer reach the hub, and quiz
/// counts being typed survive another room's activity; a record made offline survives a reload
/// (IndexedDB outbox) and the room rejoins. (The sound button: KioskHlsFallbackPageTests.)
/// </summary>
public sealed class KioskPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(now: BeforeTheLesson, roles: "scheduler,hub,relay"))
{
    private const string Lesson = "L1-20261123";
    private static readonly LocatorAssertionsToHaveAttributeOptions Bound = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    // 09:48:30 in Shanghai on the demo's Monday: the music lesson starts at 10:00, rooms may join from 09:50.
    private static readonly DateTimeOffset BeforeTheLesson = new DateTimeOffset(2026, 11, 23, 1, 48, 30, TimeSpan.Zero);

    protected override string Start()
    {
        Host.Settings["MediaRelay:UdpPort"] = "0";
        Host.Settings["MediaRelay:TcpPort"] = "0";
        Host.Settings["MediaRelay:ManagementPort"] = FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        return base.Start();
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task An_enrolled_kiosk_counts_down_joins_by_itself_plays_the_lesson_and_sends_its_records(string lang)
    {
        var english = lang == "en";
        var rooms = await PairedClassroomsAsync();
        var room = rooms[0];
        await using var kioskContext = await DeviceContextAsync(room, english);
        var kiosk = await kioskContext.NewPageAsync();
        var log = new List<string>();
        kiosk.Console += (_, m) => { lock (log) log.Add(m.Text); };
        await kiosk.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}");

        // Idle: the next lesson with subject, teacher, lead school and a countdown (server time: 11:30 left).
        var next = kiosk.GetByTestId("next-lesson");
        await Assertions.Expect(next).ToBeVisibleAsync(Visible);
        await Assertions.Expect(kiosk.GetByTestId("room-name")).ToHaveTextAsync(await RoomLabelAsync(room));
        var facts = await next.InnerTextAsync();
        Assert.Contains(english ? "Lead school" : "主讲学校", facts, StringComparison.Ordinal);
        await Assertions.Expect(kiosk.GetByTestId("countdown")).ToHaveAttributeAsync("data-left", new System.Text.RegularExpressions.Regex(@"^11:[23]\d$"), Bound);
        await AssertNoSeriousAxeViolationsAsync(kiosk);
        await PageBrowser.ScreenshotAsync(kiosk, $"kiosk-idle.{lang}");

        // 09:50:30: the joining window is open; the kiosk notices by itself (it asks every 5 s this close).
        var joining = Stopwatch.StartNew();
        Host.Clock.Advance(TimeSpan.FromMinutes(2));
        await Assertions.Expect(kiosk.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Bound);
        joining.Stop();
        await Assertions.Expect(kiosk.GetByTestId("media-state")).ToHaveAttributeAsync("data-state", "waiting", Bound);
        output.WriteLine($"{lang}: joined {joining.ElapsedMilliseconds} ms after the joining window opened (polling every 5 s)");

        // The teacher goes live from the studio page (fake camera): the kiosk shows moving video.
        await using var teacher = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        var studio = await OpenStudioAsync(teacher, lang, english);
        var live = Stopwatch.StartNew();
        await studio.ClickAsync("#start");
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);
        var video = kiosk.GetByTestId("lesson-video");
        await Assertions.Expect(video).ToHaveAttributeAsync("data-source", "camera", Bound);
        await LessonPageKit.AssertMovingAsync(kiosk, "[data-testid=lesson-video]");
        output.WriteLine($"{lang}: first moving frame on the kiosk {live.ElapsedMilliseconds} ms after \"start lesson\"");
        var blocked = await kiosk.GetByTestId("sound-on").IsVisibleAsync();
        output.WriteLine($"{lang}: sound blocked in the test browser: {blocked}");
        if (blocked) await kiosk.GetByTestId("sound-on").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("sound-on")).ToBeHiddenAsync();

        // Courseware shared: it is large, the teacher's camera small; swap reverses them.
        await studio.ClickAsync("#share");
        await Assertions.Expect(video).ToHaveAttributeAsync("data-source", "courseware", Bound);
        await Assertions.Expect(kiosk.GetByTestId("small-video")).ToHaveAttributeAsync("data-source", "camera", Bound);
        await kiosk.GetByTestId("swap").ClickAsync();
        await Assertions.Expect(video).ToHaveAttributeAsync("data-source", "camera");
        await kiosk.GetByTestId("swap").ClickAsync();
        await Assertions.Expect(video).ToHaveAttributeAsync("data-source", "courseware");
        await Assertions.Expect(kiosk.GetByTestId("camera-shown")).ToBeVisibleAsync(Visible);

        // Every control by keyboard: Tab reaches the four actions; Enter opens a panel, Esc closes it.
        await kiosk.Locator("body").FocusAsync();
        var reached = new HashSet<string>();
        for (var i = 0; i < 30 && reached.Count < 4; i++)
        {
            await kiosk.Keyboard.PressAsync("Tab");
            var id = await kiosk.EvaluateAsync<string?>("() => document.activeElement?.dataset?.testid ?? null");
            if (id is "open-checkin" or "raise-hand" or "open-ask" or "open-quiz") reached.Add(id);
        }

        Assert.Equal(4, reached.Count);
        await kiosk.GetByTestId("open-checkin").FocusAsync();
        await kiosk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(kiosk.Locator("#panel-checkin")).ToBeVisibleAsync();
        await kiosk.Keyboard.PressAsync("Escape");
        await Assertions.Expect(kiosk.Locator("#panel-checkin")).ToBeHiddenAsync();

        // Check-in: two absentees picked from the roster; the headcount follows.
        await using var teacherHub = await TeacherHubAsync();
        await kiosk.GetByTestId("open-checkin").ClickAsync();
        var students = kiosk.GetByTestId("roster-student");
        Assert.True(await students.CountAsync() >= 3, "the demo room has a roster");
        var absentees = new[] { (await students.Nth(1).TextContentAsync())!, (await students.Nth(2).TextContentAsync())! };
        await students.Nth(1).ClickAsync();
        await students.Nth(2).ClickAsync();
        var present = int.Parse(await kiosk.Locator("#present").InputValueAsync(), CultureInfo.InvariantCulture);
        await PageBrowser.ScreenshotAsync(kiosk, $"kiosk-checkin.{lang}");
        await kiosk.GetByTestId("submit-checkin").ClickAsync();
        var roomState = await WaitForStateAsync(teacherHub, s => RoomOf(s, room) is { } r && r.GetProperty("absentees").GetArrayLength() == 2 && r.GetProperty("present").ValueKind == JsonValueKind.Number);
        var seen = RoomOf(roomState, room)!.Value;
        Assert.Equal(present, seen.GetProperty("present").GetInt32());
        Assert.Equal(absentees.Order(), seen.GetProperty("absentees").EnumerateArray().Select(a => a.GetString()!).Order());

        // A quiz: counts typed here stay while other rooms act and the state is read again.
        var quizId = Guid.NewGuid();
        await teacherHub.InvokeAsync<JsonElement>("OpenQuiz", new { id = quizId, lessonId = Lesson, prompt = english ? "Which is a string instrument?" : "哪一种是弦乐器？", options = new[] { "A", "B", "C" }, mediaTimeMs = 60_000 });
        await kiosk.GetByTestId("open-quiz").ClickAsync();
        var counts = kiosk.GetByTestId("quiz-count");
        await Assertions.Expect(counts).ToHaveCountAsync(3, new() { Timeout = 15_000 });
        await counts.Nth(0).FillAsync("12");
        await counts.Nth(1).FillAsync("7");
        await counts.Nth(2).FillAsync("3");
        await using (var other = await RoomHubAsync(rooms[1]))
        {
            await other.InvokeAsync<JsonElement>("AskQuestion", new { id = Guid.NewGuid(), lessonId = Lesson, classroomId = rooms[1], text = "能再弹一遍吗？", mediaTimeMs = 61_000 });
            await other.InvokeAsync<JsonElement>("RaiseHand", new { id = Guid.NewGuid(), lessonId = Lesson, classroomId = rooms[1], mediaTimeMs = 61_500 });
        }

        await kiosk.EvaluateAsync("() => window.kioskHub.refresh()");
        await kiosk.WaitForFunctionAsync("() => window.kioskHub.connected", null, new() { Timeout = 10_000 });
        Assert.Equal(new[] { "12", "7", "3" }, new[] { await counts.Nth(0).InputValueAsync(), await counts.Nth(1).InputValueAsync(), await counts.Nth(2).InputValueAsync() });
        await AssertNoSeriousAxeViolationsAsync(kiosk);
        await kiosk.EvaluateAsync("() => { document.activeElement?.blur(); document.querySelector('.controls').scrollTop = 0; }");
        await PageBrowser.ScreenshotAsync(kiosk, $"kiosk-lesson.{lang}");
        await kiosk.GetByTestId("submit-quiz").ClickAsync();
        var answered = await WaitForStateAsync(teacherHub, s => s.GetProperty("quizResults").EnumerateArray()
            .Any(q => q.GetProperty("quizId").GetGuid() == quizId && q.GetProperty("rooms").EnumerateArray().Any(r => r.GetProperty("classroomId").GetInt64() == room)));
        var ours = answered.GetProperty("quizResults").EnumerateArray().First(q => q.GetProperty("quizId").GetGuid() == quizId)
            .GetProperty("rooms").EnumerateArray().First(r => r.GetProperty("classroomId").GetInt64() == room);
        Assert.Equal(new[] { 12, 7, 3 }, ours.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()));

        // Offline (the hub's ticket refused), a raised hand waits in the outbox; it survives a reload
        // and is sent once the hub is reachable again.
        await kiosk.RouteAsync("**/hub/lesson/ticket", r => r.AbortAsync());
        await kiosk.EvaluateAsync("() => window.kioskHub.connection.stop()");
        await Assertions.Expect(kiosk.GetByTestId("hub-status")).Not.ToHaveAttributeAsync("data-status", "connected", Bound);
        await kiosk.GetByTestId("raise-hand").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("pending")).ToHaveAttributeAsync("data-count", "1", Bound);
        await kiosk.ReloadAsync();
        await Assertions.Expect(kiosk.GetByTestId("pending")).ToHaveAttributeAsync("data-count", "1", Bound);
        await PageBrowser.ScreenshotAsync(kiosk, $"kiosk-offline.{lang}");
        await kiosk.UnrouteAsync("**/hub/lesson/ticket");
        await Assertions.Expect(kiosk.GetByTestId("pending")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await WaitForStateAsync(teacherHub, s => s.GetProperty("stage").GetProperty("queue").EnumerateArray().Any(h => h.GetProperty("classroomId").GetInt64() == room));

        // A plain reload mid-lesson: the time until the room is back (hub connected, video moving).
        var reload = Stopwatch.StartNew();
        await kiosk.ReloadAsync();
        await Assertions.Expect(kiosk.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Bound);
        var hubBack = reload.ElapsedMilliseconds;
        await LessonPageKit.AssertMovingAsync(kiosk, "[data-testid=lesson-video]");
        var rejoins = await video.GetAttributeAsync("data-rejoins");
        output.WriteLine($"{lang}: reload mid-lesson → hub connected after {hubBack} ms, moving video after {reload.ElapsedMilliseconds} ms (WHEP rejoins after the reload: {rejoins})");
        if (english) await ReloadsWithLostPagehideDeletesAsync(kiosk);
    }

    /// <summary>
    /// Five reloads whose pagehide DELETEs never reach the relay (a busy PC, a flaky link): each load
    /// opens a WHEP view and a WHIP wall camera, so without ending what the previous load left the
    /// room's PC would reach the relay's cap of 6 sessions per subject by the third reload and be
    /// refused (429) until the abandoned ones expired, 30 s later. The page ends them on its next load.
    /// </summary>
    private async Task ReloadsWithLostPagehideDeletesAsync(IPage kiosk)
    {
        var refused = new List<string>();
        kiosk.Response += (_, r) =>
        {
            if (r.Request.Method == "POST" && r.Status == 429 && (r.Url.Contains("/whep/", StringComparison.Ordinal) || r.Url.Contains("/whip/", StringComparison.Ordinal)))
                lock (refused) refused.Add(r.Url);
        };
        // Playwright cannot route a keepalive request sent while the page unloads, so the lost
        // DELETEs are made in the page: from every load on, keepalive fetches never leave. (Chromium
        // also closes DTLS on unload, which ends a session at once; a crashed or powered-off PC
        // does not, so "lost" here means both.)
        var ended = 0;
        await kiosk.AddInitScriptAsync("""
            (() => { const send = window.fetch.bind(window);
              window.fetch = (url, options) => options && options.keepalive
                ? (sessionStorage.setItem('lost', String(Number(sessionStorage.getItem('lost') ?? 0) + 1)), Promise.resolve(new Response(null, { status: 204 })))
                : send(url, options); })()
            """);
        await kiosk.RouteAsync(new System.Text.RegularExpressions.Regex(@"/wh[ie]p/"), async route =>
        {
            if (route.Request.Method == "DELETE" && route.Request.Url.Contains("leave=1", StringComparison.Ordinal)) Interlocked.Increment(ref ended);
            await route.ContinueAsync();
        });
        var statuses = new List<string>();
        kiosk.Response += (_, r) => { if (r.Url.Contains("/whep/", StringComparison.Ordinal) || r.Url.Contains("/whip/", StringComparison.Ordinal)) lock (statuses) statuses.Add($"{r.Request.Method} {new Uri(r.Url).PathAndQuery} {r.Status}"); };
        for (var i = 0; i < 5; i++)
        {
            await kiosk.ReloadAsync();
            try
            {
                await kiosk.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=lesson-video]')?.dataset.frames) > 0", null, new() { Timeout = 60_000 });
                await Assertions.Expect(kiosk.GetByTestId("camera-shown")).ToBeVisibleAsync(Visible); // the wall camera's session is up too
            }
            catch (Exception e) when (e is TimeoutException or PlaywrightException)
            {
                var state = await kiosk.EvaluateAsync<string>("() => [...document.querySelectorAll('[data-testid=media-state],[data-testid=rung],[data-testid=lesson-video]')].map(e => e.outerHTML.slice(0, 300)).join(' | ')");
                var metrics = "";
                lock (statuses) throw new TimeoutException($"reload {i + 1}: no video ({state}); relay requests: {string.Join("; ", statuses)}\nrelay: {metrics}", e);
            }
        }

        await LessonPageKit.AssertMovingAsync(kiosk, "[data-testid=lesson-video]");
        await kiosk.UnrouteAllAsync();
        var lost = int.Parse(await kiosk.EvaluateAsync<string>("() => sessionStorage.getItem('lost') ?? '0'"), System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"rung {await kiosk.GetByTestId("rung").GetAttributeAsync("data-rung")}, stuck {await kiosk.Locator("[data-testid=lesson-video]").GetAttributeAsync("data-stuck")}");
        output.WriteLine($"5 reloads: {lost} pagehide DELETEs lost, {ended} left sessions ended by the next load, {refused.Count} refused POSTs");
        Assert.True(lost >= 5, $"the pagehide DELETEs were not lost ({lost}): the test proves nothing");
        Assert.True(ended >= 5, $"only {ended} left sessions were ended by the next load");
        Assert.Empty(refused);
    }

    private async Task<JsonElement> WaitForStateAsync(HubConnection hub, Func<JsonElement, bool> done)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        for (;;)
        {
            var state = await hub.InvokeAsync<JsonElement>("GetLessonState", cts.Token);
            if (done(state)) return state;
            await Task.Delay(200, cts.Token);
        }
    }

    private static JsonElement? RoomOf(JsonElement state, long classroomId) =>
        state.GetProperty("rooms").EnumerateArray().Where(r => r.GetProperty("classroomId").GetInt64() == classroomId).Select(r => (JsonElement?)r).FirstOrDefault();

    private async Task<HubConnection> TeacherHubAsync()
    {
        using var http = Host.WithToken(Host.AccessToken("wangfang"));
        var joined = await (await http.PostAsync($"/api/lessons/{Lesson}/join", null)).ReadAsync(HttpStatusCode.OK);
        var hub = new HubConnectionBuilder()
            .WithUrl(BaseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>((string)joined["token"]!))
            .Build();
        await hub.StartAsync();
        return hub;
    }

    private async Task<HubConnection> RoomHubAsync(long classroomId)
    {
        using var device = Host.WithToken(Host.DeviceCredential(classroomId));
        var state = await (await device.GetAsync("/api/device/lesson")).ReadAsync(HttpStatusCode.OK);
        var token = (string)state["current"]!["token"]!;
        var hub = new HubConnectionBuilder()
            .WithUrl(BaseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await hub.StartAsync();
        return hub;
    }

    private async Task<IPage> OpenStudioAsync(IBrowserContext context, string lang, bool english)
    {
        var studio = await context.NewPageAsync();
        await studio.GotoAsync($"{BaseUrl}/studio.html?lang={lang}&courseware=canvas&lesson={Lesson}");
        await Assertions.Expect(studio).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(studio, "wangfang", "classroom-2026", english);
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.ready", Bound);
        return studio;
    }

    private async Task<IBrowserContext> DeviceContextAsync(long classroomId, bool english)
    {
        var context = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "classroom.device", Value = Host.DeviceCredential(classroomId), Url = BaseUrl, HttpOnly = true }]);
        return context;
    }

    private async Task<List<long>> PairedClassroomsAsync()
    {
        using var admin = Host.Admin();
        var week = await (await admin.GetAsync("/api/alliances/1/pairings/current-week")).ReadAsync(HttpStatusCode.OK);
        return week["pairings"]!.AsArray().Where(p => (string?)p!["lessonId"] == Lesson).Select(p => (long)p!["classroomId"]!).Distinct().ToList();
    }

    private Task<string> RoomLabelAsync(long classroomId) => LessonPageKit.RoomLabelAsync(Host, classroomId);

    /// <summary>axe-core (web/node_modules) in the page: no serious or critical WCAG 2 A/AA violation.</summary>
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

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
