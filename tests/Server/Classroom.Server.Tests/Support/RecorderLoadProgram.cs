using System.Diagnostics;
using System.Globalization;
using Classroom.Contracts.Tokens;
using Classroom.MediaRelay.Recording;
using Classroom.Server.Tests.Deployment;
using Classroom.Server.Tests.Recordings;

namespace Classroom.Server.Tests.Support;

/// <summary>
/// Entry point when the test assembly runs as a process. The recorder capacity benchmark
/// (docs/benchmarks.md "Recorder"), not a CI test:
/// <c>dotnet Classroom.Server.Tests.dll --recorder-load 1,2,4,8 [--seconds 60] [--size 1280x720]</c>
/// (inside <c>unshare -n</c> with loopback up, or bench/recording/recorder-load.sh).
/// For each N a fresh shipped server (<see cref="ServerProcess"/>, all roles, recording on) gets N
/// studios publishing H.264 through WHIP with the project's client at once (each its own lesson);
/// their media is encoded beforehand and only paced out, so the studios' encoders are not in the
/// figures. Printed per N: the server's CPU (relay + hub + scheduler in one process) and its
/// ffmpegs' CPU in cores over the lesson, peak RSS of each, the live edge of every recording (media
/// sent − composed playlist duration, sampled each second: "late" when behind by more than 3 s),
/// media missing from the VOD and extra ffmpeg runs, and end (WHIP DELETE) → VOD closed.
/// </summary>
public static class RecorderLoadProgram
{
    private const double LateSeconds = 3;

    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 2 || args[0] != "--recorder-load")
        {
            await Console.Error.WriteLineAsync("usage: --recorder-load N[,N…] [--seconds 60] [--size 1280x720]");
            return 2;
        }

        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var counts = args[1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
        var seconds = double.Parse(Arg("--seconds", "60"), CultureInfo.InvariantCulture);
        var size = Arg("--size", "1280x720");
        var clock = Stopwatch.StartNew();
        await WhipStudio.SourceAsync("H264", seconds, size);
        Console.WriteLine($"recorder load: {seconds} s lessons, H.264 {size} 30 fps {(size == WhipStudio.DefaultSize ? "1" : "2.5")} Mbit/s + Opus 48k, {Environment.ProcessorCount} cores; source encoded in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var n in counts)
        {
            Console.WriteLine($"load average before N={n}: {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine(await RunAsync(n, seconds, size));
        }

        return 0;
    }

    private static async Task<string> RunAsync(int n, double seconds, string size)
    {
        var inv = CultureInfo.InvariantCulture;
        await using var server = await ServerProcess.StartAsync(ServerProcess.FreeTcpPort(), netns: null,
            "--MediaRelay:ManagementPort", ServerProcess.FreeTcpPort().ToString(inv),
            "--MediaRelay:UdpPort", ServerProcess.FreeUdpPort().ToString(inv),
            "--MediaRelay:TcpPort", ServerProcess.FreeTcpPort().ToString(inv),
            "--MediaRelay:Recording:Enabled", "true",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information");
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var studios = new List<WhipStudio>();
        var lessons = new List<string>();
        try
        {
            // The demo has 13 lead lessons; more lessons than that take later days' occurrences (the policy records any occurrence of a lead lesson).
            var today = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
            for (var i = 0; i < n; i++)
            {
                var lesson = $"L{i % 13 + 1}-{today.AddDays(i / 13).ToString("yyyyMMdd", inv)}";
                lessons.Add(lesson);
                using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                studios.Add(await WhipStudio.ConnectAsync(http, new Uri(server.BaseUrl + "/whip/" + lesson), PublishToken(server.DataFolder, lesson), "H264", connect.Token));
            }

            var root = Path.Combine(server.DataFolder, "recordings");
            await UntilAsync(() => Directory.Exists(root) && Directory.GetDirectories(root).Count(d => File.Exists(Path.Combine(d, "run-1", "input.sdp"))) == n,
                TimeSpan.FromSeconds(60), "every lesson's recorder started");
            var folders = lessons.Select(l => Directory.GetDirectories(root).Single(d => Path.GetFileName(d).StartsWith(l + "-", StringComparison.Ordinal))).ToList();
            var before = Sample(server.ProcessId);
            var started = Stopwatch.StartNew();
            foreach (var studio in studios) await studio.StartAsync(seconds, size);

            // Each second: CPU counters, RSS, and every recording's live edge.
            var peakServerRss = 0L;
            var peakFfmpegRss = 0L;
            var lags = new List<double>();
            var late = 0;
            var sampled = Sample(server.ProcessId);
            while (studios.Any(s => !s.SenderExited.IsCompleted) && started.Elapsed < TimeSpan.FromSeconds(seconds + 60))
            {
                await Task.Delay(1000);
                sampled = Sample(server.ProcessId, sampled);
                peakServerRss = Math.Max(peakServerRss, sampled.ServerRssKb);
                peakFfmpegRss = Math.Max(peakFfmpegRss, sampled.FfmpegRssKb);
                if (started.Elapsed < TimeSpan.FromSeconds(3)) continue; // the first segments are still being cut
                for (var i = 0; i < n; i++)
                {
                    var playlist = Path.Combine(folders[i], "camera.m3u8");
                    var listed = File.Exists(playlist) ? HlsMediaPlaylist.ReadFile(playlist).Duration : 0;
                    var lag = studios[i].SourceSeconds - listed;
                    lags.Add(lag);
                    if (lag > LateSeconds) late++;
                }
            }

            var lessonSeconds = started.Elapsed.TotalSeconds;
            var sent = studios.Select(s => s.SourceSeconds).ToList();
            // End every lesson at once; time each until its VOD is closed.
            var endClock = Stopwatch.StartNew();
            var ends = await Task.WhenAll(studios.Select(async (studio, i) =>
            {
                await studio.EndLessonAsync();
                while (RecordingManifest.Load(folders[i])?.State != RecordingManifest.Finished)
                {
                    if (endClock.Elapsed > TimeSpan.FromSeconds(60)) return double.NaN;
                    await Task.Delay(20);
                }

                return endClock.Elapsed.TotalSeconds;
            }));
            var after = Sample(server.ProcessId, sampled);
            var missing = 0.0;
            var extraRuns = 0;
            for (var i = 0; i < n; i++)
            {
                var vod = HlsMediaPlaylist.ReadFile(Path.Combine(folders[i], "camera.m3u8"));
                missing += Math.Max(0, sent[i] - vod.Duration);
                extraRuns += (RecordingManifest.Load(folders[i])?.Runs.Count ?? 1) - 1;
            }

            var serverCores = (after.ServerCpu - before.ServerCpu) / lessonSeconds;
            var ffmpegCores = (after.FfmpegCpu - before.FfmpegCpu) / lessonSeconds;
            lags.Sort();
            var sortedEnds = ends.Order().ToList();
            return string.Create(inv,
                $"N={n}: server (relay+hub+scheduler) {serverCores:0.000} cores, recorder ffmpegs {ffmpegCores:0.000} cores ({ffmpegCores / n:0.000}/lesson), " +
                $"total {serverCores + ffmpegCores:0.000} cores over {lessonSeconds:0.0} s; peak RSS server {peakServerRss / 1024.0:0} MB, ffmpegs {peakFfmpegRss / 1024.0:0} MB ({peakFfmpegRss / 1024.0 / n:0} MB/lesson); " +
                $"live edge p50 {Percentile(lags, 0.5):0.00} s max {(lags.Count > 0 ? lags[^1] : 0):0.00} s, late (> {LateSeconds} s) {late}/{lags.Count} samples; " +
                $"missing {missing:0.00} s of {sent.Sum():0.0} s sent, extra ffmpeg runs {extraRuns}; " +
                $"end → VOD closed median {Percentile(sortedEnds, 0.5):0.000} s max {sortedEnds[^1]:0.000} s");
        }
        finally
        {
            foreach (var studio in studios) await studio.DisposeAsync();
            await server.StopAsync();
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    /// <summary>CPU seconds of the server and of its ffmpegs (each child's last counter kept, so one that exited still counts), and current RSS.</summary>
    private sealed record Usage(double ServerCpu, double FfmpegCpu, long ServerRssKb, long FfmpegRssKb, Dictionary<int, double> Children);

    private static Usage Sample(int pid, Usage? previous = null)
    {
        var children = previous is null ? new Dictionary<int, double>() : new Dictionary<int, double>(previous.Children);
        long ffmpegRss = 0;
        foreach (var child in ChildrenOf(pid))
        {
            if (Comm(child) != "ffmpeg") continue;
            if (Cpu(child) is { } cpu) children[child] = cpu;
            ffmpegRss += Rss(child);
        }

        return new Usage(Cpu(pid) ?? 0, children.Values.Sum(), Rss(pid), ffmpegRss, children);
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks)) return [];
        return Directory.GetDirectories(tasks).SelectMany(t =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(t, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                return [];
            }
        }).Distinct().ToList();
    }

    private static string? Comm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return null; }
    }

    private static double? Cpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0; // utime + stime, 10 ms ticks
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string PublishToken(string dataFolder, string lesson)
    {
        using var key = JoinTokenKeys.LoadOrCreatePrivate(dataFolder);
        var now = TimeProvider.System.GetUtcNow();
        // One teacher per lesson, as at a real bell (the relay allows one subject a few live sessions only).
        var claims = new JoinTokenClaims("teacher:recorder-load-" + lesson, ClassroomRole.Teacher, 1, lesson, 1, null, 1,
            [JoinTokenScopes.Play, JoinTokenScopes.Publish], now.AddMinutes(-1), now.AddHours(2), Guid.NewGuid().ToString("N"));
        return JoinTokenCodec.Sign(claims, key);
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"{what}: not within {limit.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
