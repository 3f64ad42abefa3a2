using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// What a <see cref="RecorderRun"/> asks of the recording it writes into: which tracks of the
/// producer to record, a new run in the manifest (its folder made) with its ffmpeg arguments,
/// the end of a run, and how each track is consumed.
/// </summary>
internal interface IRecorderRunHost
{
    string RecordingId { get; }

    /// <summary>"studio" or "stage": the label of restarts in the recorder's metrics.</summary>
    string Kind { get; }

    /// <summary>The producer's tracks to record now, each with a free port pair.</summary>
    IReadOnlyList<RecordingTrack> TracksOf(Producer producer);

    /// <summary>Adds run N+1 to the manifest (its folder made) and writes its SDP; returns the run and ffmpeg's arguments.</summary>
    (RecordingRun Run, IReadOnlyList<string> Arguments) OpenRun(Producer producer, IReadOnlyList<RecordingTrack> tracks);

    /// <summary>Marks a run ended (if it was not) and saves the manifest.</summary>
    void EndRun(int number, string why);

    /// <summary>The consumer plan that feeds <paramref name="track"/> from the producer.</summary>
    ConsumerPlan PlanFor(Producer producer, RecordingTrack track, NegotiatedTrack negotiated);
}

/// <summary>
/// The supervised ffmpeg of one producer being recorded (the studio, or a room on stage): each
/// ffmpeg start is a run with its own folder, ports and SDP, fed by plain RTP consumers that
/// attach once ffmpeg listens; a stop lets ffmpeg close its last segment (with Opus silence
/// keeping its audio input awake), an abandon kills it as a crash would; once a second the
/// sinks report an unlimited loopback and, for copied H.264, ask for a key frame.
/// Lock order: this run's gate, then the host's (never the other way round).
/// </summary>
internal sealed class RecorderRun
{
    private readonly RecorderContext _context;
    private readonly IRecorderRunHost _host;
    private readonly Lock _gate = new();
    private readonly List<Consumer> _sinks = [];
    private Router? _router;
    private Producer? _producer;
    private FfmpegSupervisor? _supervisor;
    private RecordingRun? _run;
    private IReadOnlyList<RecordingTrack> _tracks = [];
    private IReadOnlyList<string> _arguments = [];
    private NegotiatedTrack? _audioSink;
    private string? _lastExit;
    private long _lastKeyframeRequest;

    public RecorderRun(RecorderContext context, IRecorderRunHost host)
    {
        _context = context;
        _host = host;
    }

    /// <summary>True while a supervisor keeps ffmpeg running.</summary>
    public bool IsRunning => _supervisor is not null;

    /// <summary>The ffmpeg run going now (tests kill it to prove restarts).</summary>
    public FfmpegProcess? CurrentProcess => _supervisor?.Current;

    /// <summary>Plain RTP consumers feeding the current run.</summary>
    public int SinkCount
    {
        get { lock (_gate) return _sinks.Count; }
    }

    /// <summary>The producer is present (first time, or back after it was lost): runs start, reading from it.</summary>
    public void Start(Router router, Producer producer)
    {
        FfmpegSupervisor supervisor;
        lock (_gate)
        {
            _router = router;
            _producer = producer;
            if (_supervisor is not null) return;
            supervisor = _supervisor = new FfmpegSupervisor(_context.Options.FfmpegPath, _ => _arguments, _context.Time, OnExit, BeforeRunAsync);
        }

        supervisor.Start();
    }

    /// <summary>The producer left (or the recording ends): ffmpeg is asked to finish its segments, the run ends with <paramref name="why"/>.</summary>
    public async Task StopAsync(string why)
    {
        var supervisor = TakeSupervisor();
        if (supervisor is null) return;
        var running = supervisor.Current;
        NegotiatedTrack? audio;
        int audioPort;
        lock (_gate) (audio, audioPort) = (_audioSink, _tracks.FirstOrDefault(t => t.Role == RecordedTrackRole.Audio)?.Port ?? 0);
        var stopping = supervisor.StopAsync(TimeSpan.FromSeconds(_context.Options.StopSeconds)); // marks the stop as requested, sends "q"
        if (running is not null) await OpusSilence.KeepAwakeAsync(_context, running, audio, audioPort).ConfigureAwait(false);
        await stopping.ConfigureAwait(false);
        await supervisor.DisposeAsync().ConfigureAwait(false);
        lock (_gate) CloseRun(why);
    }

    /// <summary>A crash: ffmpeg killed, nothing closed (tests of recovery).</summary>
    public async Task AbandonAsync()
    {
        var supervisor = TakeSupervisor();
        if (supervisor is null) return;
        supervisor.Current?.Kill();
        await supervisor.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
    }

    /// <summary>
    /// Once a second: the sinks report an unlimited loopback (a simulcast producer is recorded at
    /// its top layer), and for copied H.264 — cut only at key frames, which browsers send rarely —
    /// every <see cref="RecordingOptions.KeyframeIntervalSeconds"/> a key frame is asked for
    /// (through the producer's throttle, at most one a second per stream however many ask).
    /// </summary>
    public void Tick()
    {
        Consumer[] sinks;
        bool copied;
        lock (_gate)
        {
            sinks = [.. _sinks];
            copied = _tracks.Any(t => t.IsVideo && t.IsH264);
        }

        var now = _context.Time.MonotonicTicks();
        foreach (var consumer in sinks) consumer.Selector.OnRemb(1_000_000_000, now);
        var interval = _context.Options.KeyframeIntervalSeconds;
        if (!copied || interval <= 0) return;
        if (_lastKeyframeRequest != 0 && _context.Time.GetElapsedTime(_lastKeyframeRequest) < TimeSpan.FromSeconds(interval)) return;
        _lastKeyframeRequest = _context.Time.GetTimestamp();
        foreach (var consumer in sinks)
        {
            if (consumer.Producer is not { } producer) continue;
            if (consumer.Plan.Video is not null) producer.RequestKeyframe(producer.EffectiveLayer(consumer.TargetLayer, consumer.Sink.MaxLayer));
            if (consumer.Plan.SecondVideo is not null) producer.RequestKeyframe(PacketRing.SecondVideoStream);
        }
    }

    /// <summary>
    /// Ends the current ffmpeg early so the next run takes the producer's tracks afresh (a
    /// discontinuity), when <paramref name="needed"/> says the tracks recorded now are not enough.
    /// </summary>
    public void RollOverWhen(Func<Producer, IReadOnlyList<RecordingTrack>, bool> needed, string why)
    {
        FfmpegProcess? current;
        lock (_gate)
        {
            if (_producer is not { } producer || _supervisor is null || _tracks.Count == 0 || !needed(producer, _tracks)) return;
            current = _supervisor.Current;
            _lastExit = why;
        }

        if (current is not null) _ = current.StopAsync(TimeSpan.FromSeconds(_context.Options.StopSeconds));
    }

    private FfmpegSupervisor? TakeSupervisor()
    {
        lock (_gate)
        {
            var supervisor = _supervisor;
            _supervisor = null;
            DetachSinks();
            return supervisor;
        }
    }

    /// <summary>Before each ffmpeg start: the previous run's sinks go, the new run gets its folder, ports, SDP and arguments.</summary>
    private Task BeforeRunAsync(int supervisorRun)
    {
        RecordingRun run;
        IReadOnlyList<RecordingTrack> tracks;
        string producerId;
        lock (_gate)
        {
            DetachSinks();
            CloseRun(_lastExit ?? "ended");
            var producer = _producer ?? throw new InvalidOperationException("no producer to record");
            tracks = _host.TracksOf(producer);
            if (tracks.Count == 0) throw new InvalidOperationException(producer.Id + " has no tracks yet");
            (run, _arguments) = _host.OpenRun(producer, tracks);
            _run = run;
            _tracks = tracks;
            _audioSink = null;
            _lastExit = null;
            producerId = producer.Id;
        }

        _ = AttachWhenListeningAsync(run, tracks);
        _context.Log.RecordingRunStarted(_host.RecordingId, run.Number, producerId + ": " + string.Join(", ", tracks.Select(t => t.Role + " " + t.Codec.EncodingName)));
        return Task.CompletedTask;
    }

    private void OnExit(FfmpegExit exit)
    {
        if (exit.Requested) return;
        var reason = "ffmpeg exited (" + exit.ExitCode.ToString(CultureInfo.InvariantCulture) + "): " + exit.Reason;
        lock (_gate) _lastExit = reason.Length > 300 ? reason[..300] : reason;
        RecorderMetrics.Restarted(_host.Kind, exit.ExitCode);
        _context.Log.RecordingRunFailed(_host.RecordingId, exit.Run, exit.ExitCode, exit.Reason);
    }

    /// <summary>
    /// ffmpeg must be reading before the sinks send (the first key frame would be lost): wait,
    /// bounded, until it has bound every port, then attach one consumer per track. Each new
    /// consumer starts at its producer's last key frame (or asks for one), so a run starts decodable.
    /// </summary>
    private async Task AttachWhenListeningAsync(RecordingRun run, IReadOnlyList<RecordingTrack> tracks)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!tracks.All(t => RtpPorts.IsBound(t.Port)))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(15) || !ReferenceEquals(Volatile.Read(ref _run), run)) return;
            await Task.Delay(20).ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (!ReferenceEquals(_run, run) || _supervisor is null || _router is not { } router || _producer is not { } producer) return;
            foreach (var track in tracks)
            {
                var negotiated = new NegotiatedTrack(track.IsVideo ? "video" : "audio", "recording-" + _host.Kind + "-" + track.Role, [track.Codec],
                    (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue), []);
                var path = new UdpPath(_context.SendSocket, new IPEndPoint(IPAddress.Loopback, track.Port).Serialize(), _context.Counters);
                if (router.AttachConsumer(new PlainRtpSink(path), _host.PlanFor(producer, track, negotiated)) is { } consumer) _sinks.Add(consumer);
                if (track.Role == RecordedTrackRole.Audio) _audioSink = negotiated;
            }
        }
    }

    private void DetachSinks()
    {
        if (_router is { } router)
        {
            foreach (var consumer in _sinks) router.DetachConsumer(consumer);
        }

        _sinks.Clear();
    }

    private void CloseRun(string why)
    {
        if (_run is not { } run) return;
        _host.EndRun(run.Number, why);
        _run = null;
    }
}
