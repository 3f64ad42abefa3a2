using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// What the lesson page tests (studio console, producers) share on the all-in-one server: the demo
/// lesson's paired rooms, a browser that is a room's enrolled PC, a page publishing by WHIP, the
/// "is this video playing" check and the axe-core check.
/// </summary>
internal static class LessonPageKit
{
    /// <summary>The demo's first music lesson (Monday 10:00 Shanghai).</summary>
    public const string Lesson = "L1-20261123";

    /// <summary>09:55 in Shanghai on the demo's Monday: the lesson is about to start.</summary>
    public static readonly DateTimeOffset BeforeLesson = new(2026, 11, 23, 1, 55, 0, TimeSpan.Zero);

    public static readonly LocatorAssertionsToHaveAttributeOptions Bound = new() { Timeout = 30_000 };

    /// <summary>A scheduler + hub + relay host on loopback with free relay ports; returns its base URL.</summary>
    public static string StartAllInOne(SchedulerHost host)
    {
        host.Settings["MediaRelay:UdpPort"] = "0";
        host.Settings["MediaRelay:TcpPort"] = "0";
        host.Settings["MediaRelay:ManagementPort"] = FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return host.StartOnLoopback();
    }

    /// <summary>A browser that is the classroom's enrolled projector PC (its HttpOnly device cookie).</summary>
    public static async Task<IBrowserContext> DeviceContextAsync(PageBrowser browser, SchedulerHost host, string baseUrl, long classroomId, bool english)
    {
        var context = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "classroom.device", Value = host.DeviceCredential(classroomId), Url = baseUrl, HttpOnly = true }]);
        return context;
    }

    /// <summary>A device context with a small viewport (several kiosks in one browser on a 2-core machine).</summary>
    public static async Task<IBrowserContext> DeviceContextAsync(PageBrowser browser, SchedulerHost host, string baseUrl, long classroomId, bool english, int width, int height)
    {
        var context = await browser.NewContextAsync(english ? "en-US" : "zh-CN", width, height);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "classroom.device", Value = host.DeviceCredential(classroomId), Url = baseUrl, HttpOnly = true }]);
        return context;
    }

    /// <summary>Opens the studio console for the demo lesson with the drawn courseware, signs the lead teacher in, waits until it is ready.</summary>
    public static async Task<IPage> OpenStudioAsync(IBrowserContext context, string baseUrl, string lang)
    {
        var studio = await context.NewPageAsync();
        await studio.GotoAsync($"{baseUrl}/vue/studio.html?lang={lang}&courseware=canvas&lesson={Lesson}");
        await Assertions.Expect(studio).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(studio, "wangfang", "classroom-2026", lang == "en");
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.ready", Bound);
        return studio;
    }

    /// <summary>"School class" as the kiosk's header shows the room.</summary>
    public static async Task<string> RoomLabelAsync(SchedulerHost host, long classroomId)
    {
        using var device = host.WithToken(host.DeviceCredential(classroomId));
        var state = await (await device.GetAsync("/api/device/lesson")).ReadAsync(HttpStatusCode.OK);
        return $"{(string)state["schoolName"]!} {(string)state["className"]!}";
    }

    /// <summary>
    /// Moving video in the kiosk's element: decoded frames grow (the page's data-frames, from
    /// getStats) and a canvas sample of the picture changes. Bounded by <paramref name="timeoutMs"/> per step.
    /// </summary>
    public static async Task AssertMovingAsync(IPage page, string selector, int timeoutMs = 30_000)
    {
        try
        {
            // The element may not be there yet (a page that renders its video once connected): no element is "not yet".
            await page.WaitForFunctionAsync($"() => Number(document.querySelector('{selector}')?.dataset.frames) > 0", null, new() { Timeout = timeoutMs });
            var first = await page.EvaluateAsync<long>($"() => Number(document.querySelector('{selector}')?.dataset.frames ?? 0)");
            await page.WaitForFunctionAsync($"f => Number(document.querySelector('{selector}')?.dataset.frames) > f + 10", first, new() { Timeout = timeoutMs });
            var a = await page.EvaluateAsync<long>(CanvasSample, selector);
            await page.WaitForFunctionAsync($"([sel, a]) => ({CanvasSample})(sel) !== a", new object[] { selector, a }, new() { Timeout = timeoutMs, PollingInterval = 200 });
        }
        catch (TimeoutException)
        {
            var state = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('[data-testid=media-state],[data-testid=rung],[data-testid=lesson-video]')].map(e => e.outerHTML.slice(0, 300)).join(' | ')");
            throw new TimeoutException("no moving video: " + state);
        }
    }

    /// <summary>A hash of a 64×36 canvas sample of a video element (changes when the picture moves).</summary>
    public const string CanvasSample = """
        sel => { const v = document.querySelector(sel); const c = document.createElement('canvas'); c.width = 64; c.height = 36;
          const g = c.getContext('2d'); g.drawImage(v, 0, 0, 64, 36); const d = g.getImageData(0, 0, 64, 36).data; let h = 0;
          for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13) >>> 0; return h; }
        """;

    /// <summary>
    /// An init script that keeps every RTCPeerConnection the page makes in window.__peers, so a
    /// test can read getStats of a page that does not expose its peers (the kiosk).
    /// </summary>
    public const string TrackPeersScript = """
        (() => { const P = window.RTCPeerConnection; if (!P || P.__tracked) return; window.__peers = [];
          class Tracked extends P { constructor(...a) { super(...a); window.__peers.push(this); } }
          Tracked.__tracked = true; window.RTCPeerConnection = Tracked; })()
        """;

    /// <summary>
    /// How many received audio streams carry data on the page's peers (bytesReceived grew over
    /// about a second), waiting (bounded) until at least <paramref name="atLeast"/> do; needs <see cref="TrackPeersScript"/>.
    /// </summary>
    public static async Task<int> WaitForFlowingAudioAsync(IPage page, int atLeast, int timeoutMs = 30_000)
    {
        const string read = """
            async () => { const out = {}; const peers = window.__peers ?? [];
              for (let i = 0; i < peers.length; i++) { if (peers[i].connectionState === 'closed') continue;
                (await peers[i].getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'audio') out[i + ':' + r.ssrc] = r.bytesReceived; }); }
              return out; }
            """;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var flowing = 0;
        var before = await page.EvaluateAsync<Dictionary<string, long>>(read);
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            await Task.Delay(1000);
            var after = await page.EvaluateAsync<Dictionary<string, long>>(read);
            flowing = after.Count(kv => before.TryGetValue(kv.Key, out var b) && kv.Value > b);
            if (flowing >= atLeast) return flowing;
            before = after;
        }

        throw new TimeoutException($"{flowing} received audio stream(s) flowing, not {atLeast}, within {timeoutMs} ms");
    }

    /// <summary>Waits (30 s) until the replay page's video satisfies <paramref name="predicate"/> (a JS function of the video element).</summary>
    public static async Task WaitReplayAsync(IPage page, string predicate, string what)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => {{ const v = document.querySelector('[data-testid=video]'); return !!v && ({predicate})(v); }}", null, new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var state = await page.EvaluateAsync<string>("() => { const v = document.querySelector('video'); const e = document.querySelector('[data-testid=player-error]'); return v ? `t=${v.currentTime} paused=${v.paused} ready=${v.readyState} err=${v.error?.message} page=${e?.textContent}` : 'no video'; }");
            throw new TimeoutException($"{what}: not within 30 s ({state})");
        }
    }

    /// <summary>The student's stored resume position for a recording, read with the browser's own session (bounded: 15 s).</summary>
    public static async Task<long> WaitForProgressAsync(IBrowserContext context, string baseUrl, string recordingId, Func<long, bool> done)
    {
        long last = -1;
        for (var i = 0; i < 60; i++)
        {
            var response = await context.APIRequest.GetAsync($"{baseUrl}/api/recordings/{recordingId}");
            var body = JsonDocument.Parse(await response.TextAsync()).RootElement;
            if (body.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                last = p.GetProperty("positionMs").GetInt64();
                if (done(last)) return last;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the position was not stored within 15 s (last {last} ms)");
    }

    public static async Task AssertPlayingAsync(IPage page, string selector, int timeoutMs = 30_000)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => document.querySelector(\"{selector}\")?.videoWidth > 0", null, new() { Timeout = timeoutMs });
            var first = await page.EvaluateAsync<double>($"() => document.querySelector(\"{selector}\").currentTime");
            await page.WaitForFunctionAsync($"t => document.querySelector(\"{selector}\").currentTime > t", first, new() { Timeout = timeoutMs });
        }
        catch (TimeoutException e)
        {
            // Say what the element was doing, so a failure on a busy CI machine can be read.
            var state = await page.EvaluateAsync<string>($@"() => {{
                const v = document.querySelector(""{selector}"");
                if (!v) return 'no element';
                const tracks = v.srcObject ? v.srcObject.getTracks().map(t => t.kind + ':' + t.readyState + (t.muted ? ':muted' : '')).join(',') : 'no srcObject';
                return `videoWidth=${{v.videoWidth}} readyState=${{v.readyState}} currentTime=${{v.currentTime}} paused=${{v.paused}} tracks=${{tracks}}`;
            }}");
            throw new TimeoutException($"{selector} on {page.Url} is not playing: {state}", e);
        }
    }

    public static async Task<List<long>> PairedClassroomsAsync(SchedulerHost host)
    {
        using var admin = host.Admin();
        var week = await (await admin.GetAsync("/api/alliances/1/pairings/current-week")).ReadAsync(HttpStatusCode.OK);
        return week["pairings"]!.AsArray().Where(p => (string?)p!["lessonId"] == Lesson).Select(p => (long)p!["classroomId"]!).Distinct().ToList();
    }

    /// <summary>The room's name and its join token for the current lesson, as its enrolled PC gets them.</summary>
    public static async Task<(string Name, string Token)> RoomAsync(SchedulerHost host, long classroomId)
    {
        using var device = host.WithToken(host.DeviceCredential(classroomId));
        var state = await (await device.GetAsync("/api/device/lesson")).ReadAsync(HttpStatusCode.OK);
        return ((string)state["className"]!, (string?)state["current"]?["token"] ?? string.Empty);
    }

    /// <summary>
    /// Publishes the fake camera from <paramref name="page"/> by WHIP (the page keeps the peer as
    /// window.published[]); returns the HTTP status of the POST.
    /// </summary>
    public static Task<int> PublishAsync(IPage page, string whipUrl, string token, bool audio, int width, int height) =>
        page.EvaluateAsync<int>(@"async ([url, token, audio, width, height]) => {
            const camera = await navigator.mediaDevices.getUserMedia({ audio, video: { width, height, frameRate: 15 } });
            const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
            for (const track of camera.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [camera] });
            await pc.setLocalDescription(await pc.createOffer());
            const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp', Authorization: 'Bearer ' + token }, body: pc.localDescription.sdp });
            if (res.status === 201) await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
            (window.published ??= []).push(pc);
            return res.status;
        }", new object[] { whipUrl, token, audio, width, height });

    /// <summary>No serious or critical WCAG 2.1 A/AA violation on the page as it is now (docs/pages.md "Adding a page").</summary>
    public static async Task AssertNoSeriousAxeViolationsAsync(IPage page, ITestOutputHelper output)
    {
        var violations = await SeriousAxeViolationsAsync(page);
        output.WriteLine($"axe-core: {violations.Count} serious/critical violations");
        Assert.True(violations.Count == 0, "axe-core found: " + string.Join("\n", violations));
    }

    /// <summary>Serious or critical WCAG 2.1 A/AA violations (axe-core from web/node_modules, evaluated through the DevTools protocol past the CSP).</summary>
    public static async Task<IReadOnlyList<string>> SeriousAxeViolationsAsync(IPage page)
    {
        var script = Path.Combine(PageBrowser.RepoRoot, "web", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script)) throw new InvalidOperationException("axe-core is installed by scripts/build-web.sh (npm ci)");
        await page.EvaluateAsync(await File.ReadAllTextAsync(script));
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
              .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)
            """);
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
