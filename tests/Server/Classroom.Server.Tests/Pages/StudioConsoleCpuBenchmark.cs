using System.Globalization;
using Classroom.Contracts.Tokens;
using Classroom.Server.Tests.Scheduler;
using Classroom.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.LessonPageKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The studio console's CPU with 30 room tiles (docs/benchmarks.md "Studio console CPU"): the
/// console runs in a Chromium of its own (so its processes can be told apart), 30 rooms publish
/// 320×180 15 fps cameras (<c>?producer=room</c>, tokens signed like the scheduler's) from another
/// Chromium, and the CPU time of every process of the console's browser is read from /proc over
/// 30 s — first with the wall only, then live (camera in three simulcast layers + drawn courseware).
/// Prints figures; asserts only that the 30 tiles come online (bounded waits).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class StudioConsoleCpuBenchmark(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(now: BeforeLesson, roles: "scheduler,hub,relay"))
{
    private const int Rooms = 30;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    protected override string Start() => StartAllInOne(Host);

    [Fact]
    public async Task Studio_console_cpu_with_30_room_tiles()
    {
        var tag = "--classroom-bench=" + Guid.NewGuid().ToString("N");
        using var playwright = await Playwright.CreateAsync();
        await using var consoleBrowser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFixture.ExecutablePath, Headless = true, Args = [.. PageBrowser.ChromiumArgs, tag],
        });
        var root = BrowserProcess(tag);
        await using var teacher = await consoleBrowser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var studio = await teacher.NewPageAsync();
        studio.Response += (_, r) => { if (r.Url.Contains("/whep/", StringComparison.Ordinal) && r.Request.Method == "POST") output.WriteLine($"wall WHEP POST: {r.Status}"); };
        await studio.GotoAsync($"{BaseUrl}/vue/studio.html?lang=en&courseware=canvas&slots={Rooms}&lesson={Lesson}");
        await PageBrowser.SignInAsync(studio, "wangfang", "classroom-2026", english: true);
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.ready", Bound);

        // 30 rooms publish from one page of the shared browser: one fake camera, 30 peer connections.
        await using var rooms = await browser.NewContextAsync("en-US");
        var publisher = await rooms.NewPageAsync();
        await publisher.GotoAsync($"{BaseUrl}/index.html");
        var tokens = RoomTokens();
        var created = await publisher.EvaluateAsync<int[]>(@"async ([url, tokens]) => {
            const camera = await navigator.mediaDevices.getUserMedia({ audio: false, video: { width: 320, height: 180, frameRate: 15 } });
            window.published = [];
            const statuses = [];
            for (const token of tokens) {
              const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
              pc.addTransceiver(camera.getVideoTracks()[0], { direction: 'sendonly', streams: [camera], sendEncodings: [{ maxBitrate: 150000 }] });
              await pc.setLocalDescription(await pc.createOffer());
              const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp', Authorization: 'Bearer ' + token }, body: pc.localDescription.sdp });
              if (res.status === 201) await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
              window.published.push(pc);
              statuses.push(res.status);
            }
            return statuses;
        }", new object[] { $"/whip/{Lesson}?producer=room", tokens });
        Assert.All(created, s => Assert.Equal(201, s));

        var online = studio.Locator("[data-testid=wall-tile][data-state=online]");
        await Assertions.Expect(online).ToHaveCountAsync(Rooms, new() { Timeout = 120_000 });
        await MeasureAsync(root, studio, "wall only (30 tiles, not live)");

        await studio.ClickAsync("#share");
        await studio.ClickAsync("#start");
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);
        await Assertions.Expect(online).ToHaveCountAsync(Rooms, new() { Timeout = 60_000 });
        await MeasureAsync(root, studio, "live (camera simulcast + courseware) + 30 tiles");
    }

    private async Task MeasureAsync(int root, IPage studio, string phase)
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var before = TreeCpuTicks(root);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var framesBefore = await DecodedFramesAsync(studio);
        await Task.Delay(Window); // the measurement window, not a wait for a condition
        var framesAfter = await DecodedFramesAsync(studio);
        var after = TreeCpuTicks(root);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var deltas = after.Select(p => p.Value - before.GetValueOrDefault(p.Key)).ToList();
        var cpuSeconds = deltas.Sum() / 100.0;
        var renderer = deltas.Max() / 100.0;
        var tilesOnline = await studio.Locator("[data-testid=wall-tile][data-state=online]").CountAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"studio console CPU, {phase}: {cpuSeconds:F1} CPU-s in {seconds:F0} s = {100 * cpuSeconds / seconds:F0} % of one core " +
            $"(busiest process {renderer:F1} CPU-s = {100 * renderer / seconds:F0} %); {after.Count} processes; {tilesOnline}/{Rooms} tiles online; " +
            $"{(framesAfter - framesBefore) / seconds:F0} frames/s decoded; {Environment.ProcessorCount} cores, load average {load} at start"));
        Assert.Equal(Rooms, tilesOnline);
    }

    private static Task<long> DecodedFramesAsync(IPage studio) =>
        studio.EvaluateAsync<long>("() => [...document.querySelectorAll('[data-testid=wall-tile] video')].reduce((n, v) => n + (v.getVideoPlaybackQuality?.().totalVideoFrames ?? 0), 0)");

    private string[] RoomTokens()
    {
        using var key = JoinTokenKeys.LoadOrCreatePrivate(Host.DataFolder);
        var now = Host.Clock.GetUtcNow();
        return Enumerable.Range(9001, Rooms).Select(id => JoinTokenCodec.Sign(new JoinTokenClaims("room:" + id.ToString(CultureInfo.InvariantCulture), ClassroomRole.Classroom, 1, Lesson, 1, id, null,
            [JoinTokenScopes.Camera], now.AddMinutes(-1), now.AddHours(1), Guid.NewGuid().ToString("N")), key)).ToArray();
    }

    /// <summary>The console browser's own process: the one whose command line carries the tag and whose parent's does not.</summary>
    private static int BrowserProcess(string tag)
    {
        var tagged = Processes().Where(p => p.CommandLine.Contains(tag, StringComparison.Ordinal)).ToList();
        return tagged.Single(p => tagged.All(q => q.Pid != p.Parent)).Pid;
    }

    /// <summary>utime + stime (clock ticks, 100 Hz) of every process under the browser, by pid.</summary>
    private static Dictionary<int, long> TreeCpuTicks(int root)
    {
        var all = Processes().ToList();
        var tree = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var p in all) if (!tree.Contains(p.Pid) && tree.Contains(p.Parent)) { tree.Add(p.Pid); grew = true; }
        }

        return all.Where(p => tree.Contains(p.Pid)).ToDictionary(p => p.Pid, p => p.Ticks);
    }

    private sealed record Proc(int Pid, int Parent, long Ticks, string CommandLine);

    private static IEnumerable<Proc> Processes()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat, cmd;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
                cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }

            // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            yield return new Proc(pid, int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture), cmd);
        }
    }
}
