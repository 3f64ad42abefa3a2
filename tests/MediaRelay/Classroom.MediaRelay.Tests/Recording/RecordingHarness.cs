using Classroom.Testing.Media;
using System.Diagnostics;
using System.Globalization;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Recording;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.MediaRelay.Tests.Recording;

/// <summary>
/// A relay with the recorder on, and a studio made of real media: ffmpeg encodes testsrc2 and a
/// sine tone (H.264 or VP8, Opus) and sends plain RTP into a <see cref="PlainRtpSource"/> that is
/// the lesson's studio producer. Waits are bounded and wait for conditions.
/// </summary>
internal sealed class RecordingHarness : IAsyncDisposable
{
    private readonly RelayTestHost _host;
    private PlainRtpSource? _source;
    private Producer? _producer;
    private FfmpegProcess? _sender;

    private RecordingHarness(RelayTestHost host) => _host = host;

    public LessonRecorder Recorder => _host.Services.GetRequiredService<LessonRecorder>();

    public Router Router => _host.Runtime.Rooms.GetOrCreate(RelayTestHost.Lesson);

    public RelayTestHost Host => _host;

    /// <param name="stageConsent">When given, a recording policy that records the lesson and consents to these classrooms on stage.</param>
    /// <param name="lowRendition">Make the low-bitrate copy after each lesson (off unless a test is about it: it costs a core for seconds).</param>
    public static async Task<RecordingHarness> StartAsync(int graceSeconds = 600, IReadOnlySet<long>? stageConsent = null,
        Action<IServiceCollection>? services = null, bool lowRendition = false) =>
        new(await RelayTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MediaRelay:Recording:Enabled"] = "true",
            ["MediaRelay:Recording:GraceSeconds"] = graceSeconds.ToString(CultureInfo.InvariantCulture),
            ["MediaRelay:Recording:LowRendition"] = lowRendition ? "true" : "false",
        }, services: s =>
        {
            if (stageConsent is not null) s.AddSingleton<IRecordingPolicy>(new ConsentPolicy(stageConsent));
            services?.Invoke(s);
        }));

    /// <summary>A room comes on stage: a plain RTP source (VP8 + Opus) as producer "stage:{classroom}".</summary>
    public StageRoom StageConnects(long classroom)
    {
        var source = new PlainRtpSource([
            new NegotiatedTrack("audio", "a", [new SdpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", [])], 0, []),
            new NegotiatedTrack("video", "v", [new SdpCodec(96, "VP8", 90000, null, null, [])], 0, []),
        ]);
        var producer = Router.AttachSource(ProducerIds.Stage(classroom), source)!;
        source.Start(producer);
        return new StageRoom(Router, producer, source);
    }

    /// <summary>The studio connects (its producer appears) and the recorder gets ready for it.</summary>
    public async Task<RecordingSession> StudioConnectsAsync(string videoCodec)
    {
        _sender?.Dispose();
        var fmtp = videoCodec == "H264" ? "packetization-mode=1;profile-level-id=42e01f" : null;
        _source = new PlainRtpSource([
            new NegotiatedTrack("audio", "a", [new SdpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", [])], 0, []),
            new NegotiatedTrack("video", "v", [new SdpCodec(96, videoCodec, 90000, null, fmtp, [])], 0, []),
        ]);
        _producer = Router.AttachSource(ProducerIds.Studio, _source)!;
        _source.Start(_producer);
        RecordingSession? session = null;
        await Eventually.TrueAsync(() => (session = Recorder.RecordingOf(RelayTestHost.Lesson)) is { SinkCount: 2 }, TimeSpan.FromSeconds(30), "the recorder's sinks attach");
        return session!;
    }

    /// <summary>Sends <paramref name="seconds"/> of media in real time (returns when ffmpeg has started).</summary>
    private const string DefaultSize = "640x360";

    /// <summary>The studio picture's size: 640×360 in the suite; <c>CLASSROOM_RECORDER_BENCH_SIZE=1280x720</c> for the benchmark rows (docs/benchmarks.md).</summary>
    private static string SourceSize => Environment.GetEnvironmentVariable("CLASSROOM_RECORDER_BENCH_SIZE") is { Length: > 0 } size ? size : DefaultSize;

    public void StartSending(string videoCodec, double seconds)
    {
        _sender = Send(_source!.EndPoint.Port, videoCodec, seconds, SourceSize, 440);
    }

    /// <summary>ffmpeg sending testsrc2 of <paramref name="size"/> and a sine of <paramref name="frequency"/> Hz as RTP to a plain source's port, in real time.</summary>
    public static FfmpegProcess Send(int sourcePort, string videoCodec, double seconds, string size, int frequency)
    {
        var port = sourcePort.ToString(CultureInfo.InvariantCulture);
        var bitrate = size == DefaultSize ? "800k" : "2500k";
        var length = seconds.ToString(CultureInfo.InvariantCulture);
        List<string> video = videoCodec == "H264"
            ? ["-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-profile:v", "baseline", "-g", "30", "-pix_fmt", "yuv420p"]
            : ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-g", "30", "-b:v", bitrate];
        return FfmpegProcess.Start("ffmpeg", [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
            "-t", length, "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30",
            "-t", length, "-f", "lavfi", "-i", "sine=frequency=" + frequency.ToString(CultureInfo.InvariantCulture) + ":sample_rate=48000",
            "-map", "0:v", .. video, "-payload_type", "96", "-ssrc", "1111", "-f", "rtp", "rtp://127.0.0.1:" + port + "?pkt_size=1200",
            "-map", "1:a", "-c:a", "libopus", "-b:a", "48k", "-payload_type", "111", "-ssrc", "2222", "-f", "rtp", "rtp://127.0.0.1:" + port,
        ]);
    }

    public async Task SenderDoneAsync()
    {
        var code = await _sender!.Exited.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(code == 0, "the studio's ffmpeg failed: " + _sender.Reason);
    }

    /// <summary>The studio is gone without ending the lesson (consent timeout, network).</summary>
    public void LoseStudio()
    {
        Router.DetachSource(_producer!, _source!, ProducerEnd.Lost);
        _source!.Dispose();
    }

    /// <summary>The studio's WHIP session is DELETEd: "end lesson".</summary>
    public void EndLesson() => Router.DetachSource(_producer!, _source!, ProducerEnd.Ended);

    public async ValueTask DisposeAsync()
    {
        _sender?.Dispose();
        _source?.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>CPU seconds (user + system) a process has used and its peak resident memory, from /proc (Linux clock ticks of 10 ms).</summary>
    public static (double CpuSeconds, long PeakRssKb) Usage(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime (fields 14, 15)
        var peak = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return (ticks / 100.0, long.Parse(peak.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The receive buffer (<c>rb</c> of <c>ss -m</c>, bytes as the kernel granted them) of every UDP socket the process holds.</summary>
    public static async Task<IReadOnlyList<long>> UdpReceiveBuffersAsync(int pid)
    {
        var (code, output, error) = await HlsProbe.RunAsync("ss", "-H", "-u", "-a", "-m", "-p", "-n");
        Assert.True(code == 0, "ss failed: " + error);
        var buffers = new List<long>();
        string? owner = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.Contains("users:(", StringComparison.Ordinal)) owner = line;
            var at = line.IndexOf("skmem:(", StringComparison.Ordinal);
            if (at < 0 || owner is null || !owner.Contains($"pid={pid.ToString(CultureInfo.InvariantCulture)},", StringComparison.Ordinal)) continue;
            var rb = line.IndexOf(",rb", at, StringComparison.Ordinal) + 3;
            buffers.Add(long.Parse(line[rb..line.IndexOf(',', rb)], CultureInfo.InvariantCulture));
        }

        return buffers;
    }

}

/// <summary>A room on stage in a harness lesson.</summary>
internal sealed class StageRoom(Router router, Producer producer, PlainRtpSource source) : IDisposable
{
    public Producer Producer => producer;

    /// <summary>Sends <paramref name="seconds"/> of VP8 + Opus of <paramref name="size"/> and waits until it is sent.</summary>
    public async Task SendAsync(double seconds, string size, int frequency)
    {
        using var sender = RecordingHarness.Send(source.EndPoint.Port, "VP8", seconds, size, frequency);
        var code = await sender.Exited.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(code == 0, "the stage room's ffmpeg failed: " + sender.Reason);
    }

    /// <summary>The teacher takes the room off stage.</summary>
    public void Leave()
    {
        router.DetachSource(producer, source, ProducerEnd.Ended);
        source.Dispose();
    }

    public void Dispose() => source.Dispose();
}

/// <summary>A scheduler's decision: record, with these classrooms' consent for the stage.</summary>
internal sealed class ConsentPolicy(IReadOnlySet<long> consent) : IRecordingPolicy
{
    public Task<RecordingDecision> DecideAsync(string lessonId, CancellationToken cancellationToken) => Task.FromResult(new RecordingDecision(true, consent));

    public Task<int?> RetentionDaysAsync(long allianceId, CancellationToken cancellationToken) => Task.FromResult<int?>(null);
}

/// <summary>The one bounded condition wait of these tests.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) Assert.Fail(what + ": not within " + limit.TotalSeconds + " s");
            await Task.Delay(50);
        }
    }
}
