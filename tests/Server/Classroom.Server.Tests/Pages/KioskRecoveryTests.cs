using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Classroom.Server.Tests.Scheduler;
using Classroom.Testing.Network;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Issue 13, "Proof", second bullet, the parts after the reload (KioskPageTests): the kiosk page
/// (<c>/vue/kiosk.html</c>) on the all-in-one server survives a 10-second network cut, a link
/// limited to 300 kbit/s and the server restarting, each with its recovery time printed
/// (docs/kiosk.md "Recovery"). For the cut and the slow link the kiosk's Chromium runs in a
/// network namespace joined to the test by a veth pair (<see cref="VethNamespace"/>): the server
/// listens on loopback (the studio's Chromium, a secure context for its camera) and on the veth
/// address (the kiosk), and the relay announces the veth address, so only the kiosk's traffic
/// crosses the veth, where nftables cuts it and tbf limits it. These need root inside
/// <c>unshare -n</c> (scripts/test.sh); without it <see cref="VethNamespace.CreateAsync"/> throws
/// and the test fails — never skips. Every wait is bounded; times are printed, never asserted.
/// </summary>
public sealed class KioskRecoveryTests(PageBrowser browser, ITestOutputHelper output) : IClassFixture<PageBrowser>
{
    private const string Lesson = LessonPageKit.Lesson;

    /// <summary>09:52 in Shanghai on the demo's Monday: the music lesson (10:00) is in its joining window.</summary>
    private static readonly DateTimeOffset InJoiningWindow = new(2026, 11, 23, 1, 52, 0, TimeSpan.Zero);

    private static readonly LocatorAssertionsToHaveAttributeOptions Bound = new() { Timeout = 60_000 };

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_10_second_network_cut_shows_the_reconnect_status_and_the_kiosk_comes_back_with_video_hub_and_its_outbox(string lang)
    {
        await using var lesson = await NamespacedLesson.StartAsync(subnet: 72, output);
        var (kiosk, room) = await lesson.OpenKioskAsync(lang);
        await using var teacher = await browser.NewContextAsync(lang == "en" ? "en-US" : "zh-CN");
        var studio = await LessonPageKit.OpenStudioAsync(teacher, lesson.BaseUrl, lang);
        await studio.ClickAsync("#start");
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);
        await LessonPageKit.AssertMovingAsync(kiosk, Video, 60_000);
        await Assertions.Expect(kiosk.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Bound);
        await using var teacherHub = await TeacherHubAsync(lesson.Host, lesson.BaseUrl);

        // The cable is pulled for 10 s.
        var cut = Stopwatch.StartNew();
        await lesson.Namespace.CutAsync();
        var statuses = new List<string>();
        var shown = await UntilAsync(async () =>
        {
            var now = await MediaStateAsync(kiosk);
            if (statuses.Count == 0 || statuses[^1] != now) statuses.Add(now);
            return now is "restarting" or "rejoining";
        }, 10_000, "the kiosk shows its reconnect status during the cut", () => string.Join(" → ", statuses));
        var statusAfter = cut.ElapsedMilliseconds;
        await PageBrowser.ScreenshotAsync(kiosk, $"kiosk-reconnecting.{lang}");
        // A record made during the cut waits in the outbox.
        await kiosk.GetByTestId("raise-hand").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("pending")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = 5_000 });
        Assert.DoesNotContain(await HandsAsync(teacherHub), h => h == room); // the cut really holds it back
        var hubDuringCut = new HashSet<string>();
        while (cut.ElapsedMilliseconds < 9_800)
        {
            hubDuringCut.Add(await kiosk.GetByTestId("hub-status").GetAttributeAsync("data-status") ?? "");
            statuses.Add(await MediaStateAsync(kiosk));
            await Task.Delay(Math.Clamp(9_800 - (int)cut.ElapsedMilliseconds, 1, 250));
        }

        await lesson.Namespace.RestoreAsync();
        var restored = Stopwatch.StartNew();
        output.WriteLine($"{lang}: cut: {cut.ElapsedMilliseconds} ms; reconnect status shown {statusAfter} ms after the cut; media states during it: {string.Join(" → ", statuses.Distinct())}; hub: {string.Join(", ", hubDuringCut)}");

        // Back: the hub sends the outbox, the picture moves again.
        await UntilAsync(async () => (await HandsAsync(teacherHub)).Contains(room), 60_000, "the raised hand reaches the server", () => "");
        var handAfter = restored.ElapsedMilliseconds;
        await Assertions.Expect(kiosk.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Bound);
        await Assertions.Expect(kiosk.GetByTestId("pending")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        var hubAfter = restored.ElapsedMilliseconds;
        await UntilAsync(async () => await MediaStateAsync(kiosk) == "playing", 60_000, "the media state is playing again", () => "");
        await LessonPageKit.AssertMovingAsync(kiosk, Video, 60_000);
        var videoAfter = restored.ElapsedMilliseconds;
        var video = kiosk.Locator(Video);
        output.WriteLine($"{lang}: link back → outbox record at the server {handAfter} ms, hub connected with an empty outbox {hubAfter} ms, moving video {videoAfter} ms "
            + $"(ICE restarts {await video.GetAttributeAsync("data-restarts")}, rejoins {await video.GetAttributeAsync("data-rejoins")}, rung {await kiosk.GetByTestId("rung").GetAttributeAsync("data-rung")})");
    }

    /// <summary>
    /// What the studio sends decides what 300 kbit/s must do (measured and printed each run): camera
    /// l ≈ 130, m ≈ 275 kbit/s (h stays off on this machine), the drawn slide a few kbit/s, audio
    /// ≈ 45 kbit/s. Mid plus audio does not fit in 300 kbit/s, low plus audio does: the relay's
    /// layer choice (docs/simulcast.md) must bring the camera down to the low layer, and the
    /// kiosk's ladder — which judges the picture it gets, not the layer — rightly stays where the
    /// picture is carried. So the test asks, with the studio's measured rates: a stepped-down
    /// picture (low layer, or a lower rung) whenever mid + audio exceeds the link. Then 100 kbit/s,
    /// below low + audio but above audio alone: now the picture cannot be carried, and the ladder
    /// must reach "audio only" with the sound flowing (the browser path of the low and audio rungs).
    /// </summary>
    [Fact]
    public async Task On_a_300_kbit_link_the_picture_steps_down_and_below_it_the_kiosk_falls_back_to_audio_with_the_sound_flowing()
    {
        await using var lesson = await NamespacedLesson.StartAsync(subnet: 73, output);
        var (kiosk, _) = await lesson.OpenKioskAsync("zh-CN");
        await using var teacher = await browser.NewContextAsync("zh-CN");
        await teacher.AddInitScriptAsync(LessonPageKit.TrackPeersScript);
        var studio = await LessonPageKit.OpenStudioAsync(teacher, lesson.BaseUrl, "zh-CN");
        await studio.ClickAsync("#start");
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);
        // A lesson as a teacher gives it: camera and courseware (the drawn slide), the camera small.
        await studio.ClickAsync("#share");
        await Assertions.Expect(kiosk.Locator(Video)).ToHaveAttributeAsync("data-source", "courseware", Bound);
        await LessonPageKit.AssertMovingAsync(kiosk, Video, 60_000);
        await LessonPageKit.WaitForFlowingAudioAsync(kiosk, 1);
        var rates = await StudioRatesAsync(studio);
        output.WriteLine("studio sends (payload kbit/s): " + string.Join(", ", rates.Select(r => $"{r.Key} {r.Value:F0}")));
        double Sum(Func<string, bool> which) => rates.Where(r => which(r.Key)).Sum(r => r.Value);
        var audio = Sum(k => k.StartsWith("audio", StringComparison.Ordinal));
        var slide = Sum(k => k.StartsWith("video", StringComparison.Ordinal) && k.Split(':')[2].Length == 0);
        var mid = Sum(k => k.Split(':') is [_, _, "m", ..]);
        var low = Sum(k => k.Split(':') is [_, _, "l", ..]);
        // Payload only: RTP/SRTP/UDP/IP add ~40 bytes a packet — about 20 kbit/s for 50 audio packets a second.
        var midNeeds = mid + slide + audio + 30;
        var lowNeeds = low + slide + audio + 30;
        output.WriteLine($"camera mid + slide + audio ≈ {midNeeds:F0} kbit/s on the wire, low + slide + audio ≈ {lowNeeds:F0} kbit/s");

        // 300 kbit/s.
        await lesson.Namespace.LimitRateAsync(300);
        var first = await WatchAsync(kiosk, 40_000, stop: w => w.SmallWidth is > 0 and <= 320 || w.Rung != "full");
        output.WriteLine("300 kbit/s: " + first);
        if (midNeeds > 300)
        {
            Assert.True(first.SteppedDownAt is not null, $"mid + audio ({midNeeds:F0} kbit/s) cannot pass 300 kbit/s, yet the picture did not step down: {first}");
        }

        await LessonPageKit.WaitForFlowingAudioAsync(kiosk, 1);
        // Held a while: the sound keeps flowing and the ladder stays put where the picture is carried.
        var held = await WatchAsync(kiosk, 20_000, stop: _ => false);
        output.WriteLine("300 kbit/s, held: " + held + " | tbf: " + (await lesson.Namespace.QdiscStatsAsync()).ReplaceLineEndings(" "));
        Assert.True(held.SilentSeconds * 2 < held.Seconds, $"the sound stood still most of the time on 300 kbit/s: {held}");

        // 100 kbit/s: the low layer with the sound cannot pass, the sound alone can.
        Assert.True(lowNeeds > 100 && audio + 30 < 100, $"the studio's rates do not make 100 kbit/s a picture-less link: {lowNeeds:F0} / {audio + 30:F0}");
        await lesson.Namespace.LimitRateAsync(100);
        var second = await WatchAsync(kiosk, 90_000, stop: w => w.Rung is "audio" or "hls");
        output.WriteLine("100 kbit/s: " + second);
        Assert.Equal("audio", second.Rung);
        await Assertions.Expect(kiosk.GetByTestId("media-state")).ToHaveAttributeAsync("data-state", "playing", Bound);
        var flowing = await LessonPageKit.WaitForFlowingAudioAsync(kiosk, 1);
        var onAudio = await WatchAsync(kiosk, 15_000, stop: _ => false);
        output.WriteLine($"audio only: {onAudio}; received audio streams flowing {flowing}; tbf: {(await lesson.Namespace.QdiscStatsAsync()).ReplaceLineEndings(" ")}");
        Assert.Equal("audio", onAudio.Rung);
        Assert.True(onAudio.SilentSeconds * 2 < onAudio.Seconds, $"the sound stood still on the audio rung: {onAudio}");
        await PageBrowser.ScreenshotAsync(kiosk, "kiosk-audio-only.zh-CN");

        // The same in English, without running the test again: the projector PC's page opened in
        // English on the same 100 kbit/s link. Its ladder starts again at full and must walk down to
        // audio only again by itself — the real state, asserted as above, not a drawn one.
        await kiosk.GotoAsync(lesson.KioskUrl + "/vue/kiosk.html?lang=en");
        await Assertions.Expect(kiosk.Locator("html")).ToHaveAttributeAsync("lang", "en", Bound);
        await Assertions.Expect(kiosk.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Bound);
        var english = await WatchAsync(kiosk, 90_000, stop: w => w.Rung is "audio" or "hls");
        output.WriteLine("100 kbit/s, opened again in English: " + english);
        Assert.Equal("audio", english.Rung);
        await Assertions.Expect(kiosk.GetByTestId("media-state")).ToHaveAttributeAsync("data-state", "playing", Bound);
        await LessonPageKit.WaitForFlowingAudioAsync(kiosk, 1);
        await Assertions.Expect(kiosk.Locator(".audio-only")).ToHaveTextAsync("Poor link: sound only for now");
        await Assertions.Expect(kiosk.GetByTestId("rung")).ToHaveTextAsync("Poor link: sound only");
        await PageBrowser.ScreenshotAsync(kiosk, "kiosk-audio-only.en");
    }

    /// <summary>Once a second for up to <paramref name="ms"/>: the rung, the small (camera) picture's decoded width, whether audio bytes grew.</summary>
    private static async Task<Watch> WatchAsync(IPage kiosk, int ms, Func<Watch, bool> stop)
    {
        var clock = Stopwatch.StartNew();
        var w = new Watch { Rung = await kiosk.GetByTestId("rung").GetAttributeAsync("data-rung") ?? "" };
        var audio = await AudioBytesAsync(kiosk);
        while (clock.ElapsedMilliseconds < ms)
        {
            await Task.Delay(1000);
            var rung = await kiosk.GetByTestId("rung").GetAttributeAsync("data-rung") ?? "";
            if (rung != w.Rung) w.Changes.Add($"{rung} at {clock.ElapsedMilliseconds / 1000.0:F1} s");
            w.Rung = rung;
            w.SmallWidth = await kiosk.EvaluateAsync<int>("() => document.querySelector('[data-testid=small-video]')?.videoWidth ?? 0");
            w.Widths.Add(w.SmallWidth);
            var now = await AudioBytesAsync(kiosk);
            w.Seconds++;
            if (now <= audio) w.SilentSeconds++;
            audio = now;
            if (stop(w))
            {
                w.SteppedDownAt ??= clock.ElapsedMilliseconds;
                break;
            }
        }

        return w;
    }

    private sealed class Watch
    {
        public string Rung { get; set; } = "";
        public int SmallWidth { get; set; }
        public long? SteppedDownAt { get; set; }
        public int Seconds { get; set; }
        public int SilentSeconds { get; set; }
        public List<string> Changes { get; } = [];
        public List<int> Widths { get; } = [];

        public override string ToString() =>
            $"rung {Rung} (changes: {(Changes.Count == 0 ? "none" : string.Join(", ", Changes))}), condition met after {(SteppedDownAt is { } t ? $"{t / 1000.0:F1} s" : "—")}, "
            + $"camera widths {string.Join(" ", Widths.Distinct())}, {SilentSeconds} of {Seconds} s without audio bytes growing";
    }

    [Fact]
    public async Task When_the_server_restarts_the_kiosk_reconnects_its_hub_and_video_by_itself()
    {
        var port = LessonPageKit.FreeTcpPort();
        var management = LessonPageKit.FreeTcpPort();
        var host = NewHost(null, management);
        var baseUrl = host.StartOn(port);
        var data = host.DataFolder;
        try
        {
            var rooms = await LessonPageKit.PairedClassroomsAsync(host);
            var credential = host.DeviceCredential(rooms[0]);
            await using var kioskContext = await browser.NewContextAsync("zh-CN");
            await kioskContext.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "classroom.device", Value = credential, Url = baseUrl, HttpOnly = true }]);
            var kiosk = await kioskContext.NewPageAsync();
            await kiosk.GotoAsync(baseUrl + "/vue/kiosk.html?lang=zh-CN");
            await Assertions.Expect(kiosk.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Bound);
            await using var teacher = await browser.NewContextAsync("zh-CN");
            var studio = await LessonPageKit.OpenStudioAsync(teacher, baseUrl, "zh-CN");
            await studio.ClickAsync("#start");
            await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);
            await LessonPageKit.AssertMovingAsync(kiosk, Video, 60_000);

            // The server stops (every session, hub connection and relay state gone) and starts
            // again on the same port and data folder.
            var down = Stopwatch.StartNew();
            host.Dispose();
            var stopped = down.ElapsedMilliseconds;
            var statuses = new List<string>();
            await UntilAsync(async () =>
            {
                var hub = await kiosk.GetByTestId("hub-status").GetAttributeAsync("data-status");
                var media = await MediaStateAsync(kiosk);
                if (statuses.Count == 0 || statuses[^1] != hub + "/" + media) statuses.Add(hub + "/" + media);
                return hub != "connected" && media is "restarting" or "rejoining";
            }, 30_000, "the kiosk shows the server is gone", () => string.Join(" → ", statuses));
            var noticed = down.ElapsedMilliseconds;
            host = NewHost(data, management);
            host.StartOn(port);
            var up = Stopwatch.StartNew();
            output.WriteLine($"server stopped in {stopped} ms; kiosk showed it {noticed} ms after the stop began ({string.Join(" → ", statuses)}); started again after {down.ElapsedMilliseconds} ms");

            await Assertions.Expect(kiosk.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Bound);
            var hubBack = up.ElapsedMilliseconds;
            // The relay's new process knows no session: the kiosk rejoins by itself (PATCH 404 → new WHEP).
            await UntilAsync(async () => await kiosk.Locator(Video).GetAttributeAsync("data-rejoins") is { } r && int.Parse(r, CultureInfo.InvariantCulture) > 0
                && await MediaStateAsync(kiosk) is "waiting" or "playing", 60_000, "the kiosk has a new session", () => "");
            var rejoined = up.ElapsedMilliseconds;
            var studioState = await studio.Locator("#status").GetAttributeAsync("data-state");
            output.WriteLine($"server up → kiosk hub connected {hubBack} ms, new WHEP session {rejoined} ms; studio page now: {studioState}");

            // The studio publishes again by itself, without its teacher touching it: the relay answers
            // its ICE-restart PATCH with 404, so it opens a new WHIP session with the same tracks.
            await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);
            var studioBack = up.ElapsedMilliseconds;
            await LessonPageKit.AssertMovingAsync(kiosk, Video, 60_000);
            output.WriteLine($"server up → studio live again by itself {studioBack} ms → moving video on the kiosk {up.ElapsedMilliseconds} ms");
        }
        finally
        {
            host.Dispose();
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { /* SQLite may hold a file a moment longer */ }
        }
    }

    private const string Video = "[data-testid=lesson-video]";

    private static SchedulerHost NewHost(string? data, int managementPort, IPAddress? veth = null)
    {
        var host = new SchedulerHost(dataFolder: data, now: InJoiningWindow, roles: "scheduler,hub,relay");
        host.Settings["MediaRelay:UdpPort"] = "0";
        host.Settings["MediaRelay:TcpPort"] = "0";
        host.Settings["MediaRelay:ManagementPort"] = managementPort.ToString(CultureInfo.InvariantCulture);
        if (veth is not null)
        {
            host.Settings["MediaRelay:BindAddress"] = veth.ToString();
            host.Settings["MediaRelay:AnnouncedAddress"] = veth.ToString();
            host.Settings["AllowedHosts"] = $"localhost;127.0.0.1;{veth}";
        }

        return host;
    }

    private static async Task<string> MediaStateAsync(IPage kiosk) =>
        await kiosk.GetByTestId("media-state").GetAttributeAsync("data-state", new() { Timeout = 5_000 }) ?? "";

    /// <summary>Waits (bounded) until <paramref name="done"/>; returns the milliseconds it took.</summary>
    private static async Task<long> UntilAsync(Func<Task<bool>> done, int timeoutMs, string what, Func<string> state)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            try
            {
                if (await done()) return clock.ElapsedMilliseconds;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or HubException or InvalidOperationException)
            {
                // The page is reloading or the hub is reconnecting: ask again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{what}: not within {timeoutMs} ms ({state()})");
    }

    /// <summary>The sum of bytesReceived of every received audio stream on the kiosk's live peers (TrackPeersScript).</summary>
    private static Task<long> AudioBytesAsync(IPage kiosk) => kiosk.EvaluateAsync<long>("""
        async () => { let sum = 0; for (const pc of window.__peers ?? []) { if (pc.connectionState === 'closed') continue;
          (await pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'audio') sum += r.bytesReceived; }); }
          return sum; }
        """);

    /// <summary>What the studio sends per encoding over 2 s (payload kbit/s), from its peers' outbound-rtp: key kind:mid:rid.</summary>
    private static async Task<Dictionary<string, double>> StudioRatesAsync(IPage studio)
    {
        const string read = """
            async () => { const out = {}; for (const pc of window.__peers ?? []) { if (pc.connectionState === 'closed') continue;
              (await pc.getStats()).forEach(r => { if (r.type === 'outbound-rtp') out[r.kind + ':' + (r.mid ?? '') + ':' + (r.rid ?? '')] = r.bytesSent; }); }
              return out; }
            """;
        var before = await studio.EvaluateAsync<Dictionary<string, long>>(read);
        await Task.Delay(3000);
        var after = await studio.EvaluateAsync<Dictionary<string, long>>(read);
        return after.ToDictionary(kv => kv.Key, kv => (kv.Value - before.GetValueOrDefault(kv.Key)) * 8 / 3000.0);
    }

    private static async Task<List<long>> HandsAsync(HubConnection hub)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var state = await hub.InvokeAsync<JsonElement>("GetLessonState", bound.Token);
        return state.GetProperty("stage").GetProperty("queue").EnumerateArray().Select(h => h.GetProperty("classroomId").GetInt64()).ToList();
    }

    private static async Task<HubConnection> TeacherHubAsync(SchedulerHost host, string baseUrl)
    {
        using var http = host.WithToken(host.AccessToken("wangfang"));
        var joined = await (await http.PostAsync($"/api/lessons/{Lesson}/join", null)).ReadAsync(HttpStatusCode.OK);
        var hub = new HubConnectionBuilder()
            .WithUrl(baseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>((string)joined["token"]!))
            .Build();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>
    /// The all-in-one server listening on loopback and on a veth's test-side address, its relay
    /// bound to and announcing that address; the kiosk's Chromium in the veth's namespace.
    /// </summary>
    private sealed class NamespacedLesson : IAsyncDisposable
    {
        private readonly ITestOutputHelper _output;
        private NamespacedChromium? _chromium;

        private NamespacedLesson(VethNamespace ns, SchedulerHost host, string baseUrl, string kioskUrl, ITestOutputHelper output)
        {
            Namespace = ns;
            Host = host;
            BaseUrl = baseUrl;
            KioskUrl = kioskUrl;
            _output = output;
        }

        public VethNamespace Namespace { get; }
        public SchedulerHost Host { get; }

        /// <summary>Loopback: the studio and the test's clients.</summary>
        public string BaseUrl { get; }

        /// <summary>The veth address: the kiosk.</summary>
        public string KioskUrl { get; }

        public static async Task<NamespacedLesson> StartAsync(int subnet, ITestOutputHelper output)
        {
            var ns = await VethNamespace.CreateAsync(subnet);
            try
            {
                var host = NewHost(null, LessonPageKit.FreeTcpPort(), ns.HostAddress);
                var port = LessonPageKit.FreeTcpPort();
                var baseUrl = host.StartOn(port, ns.HostAddress);
                return new NamespacedLesson(ns, host, baseUrl, $"http://{ns.HostAddress}:{port}", output);
            }
            catch
            {
                await ns.DisposeAsync();
                throw;
            }
        }

        /// <summary>The first paired room's enrolled projector PC, in the namespace, joined to the lesson.</summary>
        public async Task<(IPage Kiosk, long Room)> OpenKioskAsync(string lang)
        {
            var room = (await LessonPageKit.PairedClassroomsAsync(Host))[0];
            // Plain HTTP on a non-loopback address is not a secure context; the kiosk needs one (camera, crypto.randomUUID).
            _chromium = await NamespacedChromium.LaunchAsync(Namespace, ["--unsafely-treat-insecure-origin-as-secure=" + KioskUrl, "--lang=" + lang]);
            await _chromium.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "classroom.device", Value = Host.DeviceCredential(room), Url = KioskUrl, HttpOnly = true }]);
            await _chromium.Context.AddInitScriptAsync(LessonPageKit.TrackPeersScript);
            var kiosk = _chromium.Context.Pages.FirstOrDefault() ?? await _chromium.Context.NewPageAsync();
            await kiosk.SetViewportSizeAsync(1280, 720);
            kiosk.Console += (_, m) =>
            {
                if (m.Type != "error") return;
                try { _output.WriteLine("kiosk console: " + m.Text); }
                catch (InvalidOperationException) { /* after the test ended */ }
            };
            await kiosk.GotoAsync(KioskUrl + "/vue/kiosk.html?lang=" + lang);
            await Assertions.Expect(kiosk.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Bound);
            return (kiosk, room);
        }

        public async ValueTask DisposeAsync()
        {
            if (_chromium is not null) await _chromium.DisposeAsync();
            Host.Dispose();
            Host.DeleteData();
            await Namespace.DisposeAsync();
        }
    }
}
