using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// One stage turn of a room whose school consented to recording (docs/recording.md "Rooms on
/// stage"): while the room is on stage, a supervised ffmpeg of its own writes the room's camera
/// and its own audio as the <c>stage</c> rendition into run folders of the lesson's recording.
/// Each turn (and each restart of its ffmpeg) is a run, so the composed <c>stage.m3u8</c> is the
/// turns one after another with a discontinuity between them. A room without consent never
/// gets one: no consumer, no ffmpeg, no file.
/// </summary>
internal sealed class StageRecorder
{
    private readonly RecorderContext _context;
    private readonly IStageRuns _runs;
    private readonly Router _router;
    private readonly Producer _producer;
    private readonly Lock _gate = new();
    private readonly List<Consumer> _sinks = [];
    private FfmpegSupervisor? _supervisor;
    private RecordingRun? _run;
    private IReadOnlyList<RecordingTrack> _tracks = [];
    private IReadOnlyList<string> _arguments = [];
    private NegotiatedTrack? _audioSink;
    private string? _lastExit;
    private long _lastKeyframeRequest;

    public StageRecorder(RecorderContext context, IStageRuns runs, Router router, Producer producer)
    {
        _context = context;
        _runs = runs;
        _router = router;
        _producer = producer;
    }

    public string ProducerId => _producer.Id;

    public Producer Producer => _producer;

    /// <summary>Plain RTP consumers feeding the current run (tests).</summary>
    internal int SinkCount
    {
        get { lock (_gate) return _sinks.Count; }
    }

    internal FfmpegProcess? CurrentProcess => _supervisor?.Current;

    /// <summary>The classroom of a "stage:{classroom}" producer id.</summary>
    public static long? ClassroomOf(string producerId) =>
        producerId.StartsWith(ProducerIds.StagePrefix, StringComparison.Ordinal)
        && long.TryParse(producerId.AsSpan(ProducerIds.StagePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public void Start()
    {
        lock (_gate)
        {
            if (_supervisor is not null) return;
            _supervisor = new FfmpegSupervisor(_context.Options.FfmpegPath, _ => _arguments, _context.Time, OnExit, BeforeRunAsync);
        }

        _supervisor.Start();
    }

    /// <summary>The room left the stage (or the lesson ends): ffmpeg closes its last segment, the run ends.</summary>
    public async Task StopAsync(string why)
    {
        FfmpegSupervisor? supervisor;
        lock (_gate)
        {
            supervisor = _supervisor;
            _supervisor = null;
            DetachSinks();
        }

        if (supervisor is null) return;
        var running = supervisor.Current;
        NegotiatedTrack? audio;
        int port;
        lock (_gate) (audio, port) = (_audioSink, _tracks.FirstOrDefault(t => t.Role == RecordedTrackRole.Audio)?.Port ?? 0);
        var stopping = supervisor.StopAsync(TimeSpan.FromSeconds(_context.Options.StopSeconds));
        if (running is not null) await OpusSilence.KeepAwakeAsync(_context, running, audio, port).ConfigureAwait(false);
        await stopping.ConfigureAwait(false);
        await supervisor.DisposeAsync().ConfigureAwait(false);
        lock (_gate) CloseRun(why);
    }

    /// <summary>A crash: ffmpeg killed, nothing closed (tests of recovery).</summary>
    public async Task AbandonAsync()
    {
        FfmpegSupervisor? supervisor;
        lock (_gate)
        {
            supervisor = _supervisor;
            _supervisor = null;
            DetachSinks();
        }

        if (supervisor is null) return;
        supervisor.Current?.Kill();
        await supervisor.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
    }

    /// <summary>Once a second: an unlimited loopback for the layer selectors, and key frames for copied H.264 (as for the studio).</summary>
    public void Tick()
    {
        Consumer[] sinks;
        bool copied;
        lock (_gate)
        {
            sinks = [.. _sinks];
            copied = _tracks.Any(t => t.IsVideo && t.IsH264);
        }

        var now = _context.Time.GetUtcNow().UtcTicks;
        foreach (var consumer in sinks) consumer.Selector.OnRemb(1_000_000_000, now);
        var interval = _context.Options.KeyframeIntervalSeconds;
        if (!copied || interval <= 0) return;
        if (_lastKeyframeRequest != 0 && _context.Time.GetElapsedTime(_lastKeyframeRequest) < TimeSpan.FromSeconds(interval)) return;
        _lastKeyframeRequest = _context.Time.GetTimestamp();
        foreach (var consumer in sinks)
        {
            if (consumer.Plan.Video is not null && consumer.Producer is { } producer)
                producer.RequestKeyframe(producer.EffectiveLayer(consumer.TargetLayer, consumer.Sink.MaxLayer));
        }
    }

    private Task BeforeRunAsync(int supervisorRun)
    {
        RecordingRun run;
        IReadOnlyList<RecordingTrack> tracks;
        lock (_gate)
        {
            DetachSinks();
            CloseRun(_lastExit ?? "ended");
            tracks = TracksOf(_producer);
            if (tracks.Count == 0) throw new InvalidOperationException("the room on stage has no tracks yet");
            run = _runs.AddRun([RecordingArguments.Stage], _producer.Id);
            var runFolder = Path.Combine(_runs.Folder, run.Folder);
            var sdp = Path.Combine(runFolder, "input.sdp");
            File.WriteAllText(sdp, RecordingSdp.Write(tracks));
            _arguments = RecordingArguments.For(runFolder, sdp, tracks, _context.Options.SegmentSeconds, RecordingArguments.Stage);
            _run = run;
            _tracks = tracks;
            _audioSink = null;
            _lastExit = null;
        }

        _ = AttachWhenListeningAsync(run, tracks);
        _context.Log.RecordingRunStarted(_runs.RecordingId, run.Number, _producer.Id + ": " + string.Join(", ", tracks.Select(t => t.Role + " " + t.Codec.EncodingName)));
        return Task.CompletedTask;
    }

    private void OnExit(FfmpegExit exit)
    {
        if (exit.Requested) return;
        var reason = "ffmpeg exited (" + exit.ExitCode.ToString(CultureInfo.InvariantCulture) + "): " + exit.Reason;
        lock (_gate) _lastExit = reason.Length > 300 ? reason[..300] : reason;
        RecorderMetrics.Restarted("stage", exit.ExitCode);
        _context.Log.RecordingRunFailed(_runs.RecordingId, exit.Run, exit.ExitCode, exit.Reason);
    }

    /// <summary>The room's audio and camera (a room on stage sends no courseware).</summary>
    private static List<RecordingTrack> TracksOf(Producer producer)
    {
        var tracks = new List<RecordingTrack>();
        if (producer.Source is not { } source) return tracks;
        if (source.Tracks.FirstOrDefault(t => t.Kind == "audio") is { Codecs.Count: > 0 } audio)
            tracks.Add(new RecordingTrack(RecordedTrackRole.Audio, audio.Codecs[0] with { PayloadType = 111 }, RtpPorts.TakeFreePair()));
        if (source.Tracks.FirstOrDefault(t => t.Kind == "video" && t.VideoOrdinal == 0) is { Codecs.Count: > 0 } camera)
            tracks.Add(new RecordingTrack(RecordedTrackRole.Camera, camera.Codecs[0] with { PayloadType = 96 }, RtpPorts.TakeFreePair()));
        return tracks;
    }

    /// <summary>As for the studio: the sinks attach once ffmpeg has bound every port, so the first key frame is not lost.</summary>
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
            if (!ReferenceEquals(_run, run) || _supervisor is null) return;
            var selector = new ProducerSelector(_producer.Id);
            foreach (var track in tracks)
            {
                var negotiated = new NegotiatedTrack(track.IsVideo ? "video" : "audio", "recording-stage-" + track.Role, [track.Codec],
                    (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue), []);
                var plan = track.IsVideo ? new ConsumerPlan(selector, null, negotiated, null) : new ConsumerPlan(selector, negotiated, null, null);
                var path = new UdpPath(_context.SendSocket, new IPEndPoint(IPAddress.Loopback, track.Port).Serialize(), _context.Counters);
                if (_router.AttachConsumer(new PlainRtpSink(path), plan) is { } consumer) _sinks.Add(consumer);
                if (!track.IsVideo) _audioSink = negotiated;
            }
        }
    }

    private void DetachSinks()
    {
        foreach (var consumer in _sinks) _router.DetachConsumer(consumer);
        _sinks.Clear();
    }

    private void CloseRun(string why)
    {
        if (_run is not { } run) return;
        _runs.EndRun(run.Number, why);
        _run = null;
    }
}

/// <summary>What a <see cref="StageRecorder"/> needs of its recording: the folder and the manifest's runs.</summary>
internal interface IStageRuns
{
    string RecordingId { get; }

    string Folder { get; }

    /// <summary>Adds run N+1 (its folder made) for <paramref name="producer"/> to the manifest and saves it.</summary>
    RecordingRun AddRun(IReadOnlyList<string> renditions, string producer);

    /// <summary>Marks a run ended (if it was not) and saves the manifest.</summary>
    void EndRun(int number, string why);
}
