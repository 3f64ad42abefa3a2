using System.Globalization;
using System.Net;
using Classroom.Server.Tests.Recordings;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The classroom kiosk's HLS fallback (docs/replay.md "Live HLS", docs/pages.md): an enrolled room
/// PC at lesson time with <c>?hls=1</c> (the Vue kiosk, docs/kiosk.md "Fallback ladder") plays the lesson's live recording playlist (an EVENT
/// playlist made by ffmpeg, as the recorder leaves it while recording) with hls.js and shows how
/// far behind live it is; without the flag, in a browser that has WebRTC, no HLS area appears.
/// </summary>
public sealed class KioskHlsFallbackPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(now: AboutToStart, roles: "scheduler,hub"))
{
    private const string Lesson = "L1-20261123";

    // 09:55 in Shanghai on the demo's Monday: the first music lesson (10:00) is about to start and rooms may join.
    private static readonly DateTimeOffset AboutToStart = new DateTimeOffset(2026, 11, 23, 1, 55, 0, TimeSpan.Zero);
    private long _room;

    protected override async Task ArrangeAsync()
    {
        var world = await RecordingWorld.BuildAsync(Host);
        var folder = await world.RecordAsync(Host, "rec-live-1", Host.Clock.GetUtcNow(), finish: false, longer: true, lessonId: Lesson);
        // While recording, the recorder's playlist is an EVENT playlist without an end.
        var playlist = Path.Combine(folder, "camera.m3u8");
        var lines = File.ReadAllLines(playlist).Where(l => l != "#EXT-X-ENDLIST").Select(l => l == "#EXT-X-PLAYLIST-TYPE:VOD" ? "#EXT-X-PLAYLIST-TYPE:EVENT" : l);
        File.WriteAllLines(playlist, lines);
        using var admin = Host.Admin();
        var week = await (await admin.GetAsync("/api/alliances/1/pairings/current-week")).ReadAsync(HttpStatusCode.OK);
        _room = week["pairings"]!.AsArray().Where(p => (string?)p!["lessonId"] == Lesson).Select(p => (long)p!["classroomId"]!).First();
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_room_without_WebRTC_plays_the_live_HLS_and_shows_its_delay(string lang)
    {
        var english = lang == "en";
        await using var context = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "classroom.device", Value = Host.DeviceCredential(_room), Url = BaseUrl, HttpOnly = true }]);
        var page = await context.NewPageAsync();
        var sinceLoad = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}&hls=1");

        var area = page.Locator(".screen");
        await Assertions.Expect(page.GetByTestId("live-video")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("rung")).ToHaveTextAsync(english ? "Fallback line (HLS, more delay)" : "备用线路（HLS，延迟较大）");
        try
        {
            await page.WaitForFunctionAsync("() => { const v = document.querySelector('[data-testid=live-video]'); return v && v.currentTime > 0 && !v.paused && v.readyState >= 2; }", null, new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("the live HLS did not play: " + await area.InnerTextAsync());
        }

        var first = await page.EvaluateAsync<double>("() => document.querySelector('[data-testid=live-video]').currentTime");
        // hls.js starts about three 1-second segments behind the live edge (docs/replay.md).
        Assert.True(first >= RecordingWorld.LongSeconds - 6, $"a live player starts near the live edge, not at the start (currentTime {first:F1} s)");
        var delay = page.GetByTestId("live-delay");
        await Assertions.Expect(delay).ToHaveAttributeAsync("data-seconds", new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)?$"), new() { Timeout = 15_000 });
        var seconds = double.Parse((await delay.GetAttributeAsync("data-seconds"))!, CultureInfo.InvariantCulture);
        // The player starts about three segments behind the edge. This test's EVENT playlist never grows
        // (a recorder that stopped writing), so hls.js's estimate of the edge moves on with the playlist's
        // age and the shown delay rightly grows with the time since it was loaded; on a busy machine
        // that is more than a few seconds. Bounded by both, never by luck.
        var bound = 10 + sinceLoad.Elapsed.TotalSeconds;
        Assert.True(seconds >= 0 && seconds <= bound, $"shown delay {seconds:F1} s, more than the {bound:F1} s the start offset and the playlist's age allow");
        Assert.Contains(english ? "behind live" : "比实时画面晚约", await delay.TextContentAsync(), StringComparison.Ordinal);
        var soundButton = await page.GetByTestId("sound-on").IsVisibleAsync();
        output.WriteLine($"{lang}: live HLS playing from {first:F1} s of a {RecordingWorld.LongSeconds} s EVENT playlist; shown delay {seconds:F1} s; sound blocked → button shown: {soundButton}");
        await PageBrowser.ScreenshotAsync(page, $"kiosk-hls.{lang}");

        // In a browser with WebRTC and without the flag, the kiosk shows no HLS area.
        var plain = await context.NewPageAsync();
        await plain.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}");
        await Assertions.Expect(plain.GetByTestId("rung")).ToHaveAttributeAsync("data-rung", "full", new() { Timeout = 30_000 });
        await Assertions.Expect(plain.GetByTestId("live-video")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// A browser started with <c>--autoplay-policy=document-user-activation-required</c> and no camera:
    /// the kiosk never plays muted without saying so — either the picture plays with sound on, or
    /// the one large "turn sound on" button is shown (and a click starts the sound). Chromium here
    /// lets this recording (no audio track) and MediaStream audio start without a gesture, so the
    /// refused branch is not reached in this test (docs/kiosk.md "Open").
    /// </summary>
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_kiosk_never_plays_muted_without_the_sound_button(string lang)
    {
        var english = lang == "en";
        using var playwright = await Playwright.CreateAsync();
        await using var strict = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Classroom.Testing.ChromiumFixture.ExecutablePath,
            Headless = true,
            Args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--autoplay-policy=document-user-activation-required"],
        });
        await using var context = await strict.NewContextAsync(new BrowserNewContextOptions { Locale = english ? "en-US" : "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "classroom.device", Value = Host.DeviceCredential(_room), Url = BaseUrl, HttpOnly = true }]);
        var page = await context.NewPageAsync();
        var sinceLoad = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}&hls=1");
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('[data-testid=live-video]'); return v && !v.paused && v.currentTime > 0; }", null, new() { Timeout = 30_000 });
        var button = page.GetByTestId("sound-on");
        var shown = await button.IsVisibleAsync();
        var muted = await page.EvaluateAsync<bool>("() => document.querySelector('[data-testid=live-video]').muted");
        var audioContext = await page.EvaluateAsync<string>("() => new AudioContext().state");
        output.WriteLine($"{lang}: under document-user-activation-required: video muted {muted}, sound button {shown}, a new AudioContext is {audioContext}");
        Assert.True(shown || !muted, "playing muted without the sound button");
        if (shown)
        {
            await Assertions.Expect(button).ToContainTextAsync(english ? "Turn sound on" : "开启声音");
            await PageBrowser.ScreenshotAsync(page, $"kiosk-sound.{lang}");
            await button.ClickAsync();
            await Assertions.Expect(button).ToBeHiddenAsync();
            Assert.False(await page.EvaluateAsync<bool>("() => document.querySelector('[data-testid=live-video]').muted"));
        }
    }
}
