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

    /// <summary>The relay's per-room and per-player lines of /metrics (management port), for a failure message.</summary>
    public static async Task<string> RelayMetricsAsync(SchedulerHost host)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var text = await http.GetStringAsync($"http://127.0.0.1:{host.Settings["MediaRelay:ManagementPort"]}/metrics");
            return string.Join("\n", text.Split('\n').Where(l => !l.StartsWith('#') && (l.Contains("relay_player", StringComparison.Ordinal) || l.Contains("relay_room", StringComparison.Ordinal) || l.Contains("relay_producer", StringComparison.Ordinal))));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or KeyNotFoundException)
        {
            return "metrics unavailable: " + e.Message;
        }
    }

    public static async Task AssertPlayingAsync(IPage page, string selector)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => document.querySelector(\"{selector}\").videoWidth > 0", null, new() { Timeout = 30_000 });
            var first = await page.EvaluateAsync<double>($"() => document.querySelector(\"{selector}\").currentTime");
            await page.WaitForFunctionAsync($"t => document.querySelector(\"{selector}\").currentTime > t", first, new() { Timeout = 30_000 });
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
