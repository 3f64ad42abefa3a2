using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// One recording of a lesson (docs/recording.md): its folder, its manifest, and while the studio
/// is present one supervised ffmpeg whose runs each write into their own run-N/ folder, fed by
/// plain RTP consumers of the studio producer. Every second it re-composes the live EVENT
/// playlists, asks the studio for a key frame when H.264 is copied, and takes the poster once
/// there is media. The owner (<see cref="LessonRecorder"/>) calls it one step at a time.
/// </summary>
internal sealed class RecordingSession : IStageRuns
{
    private const string SdpFile = "input.sdp";
    private readonly RecorderContext _context;
    private readonly Lock _gate = new();
    private readonly List<Consumer> _sinks = [];
    private RecordingManifest _manifest;
    private Router? _router;
    private Producer? _producer;
    private FfmpegSupervisor? _supervisor;
    private RecordingRun? _run;
    private IReadOnlyList<RecordingTrack> _tracks = [];
    private NegotiatedTrack? _audioSink;
    private IReadOnlyList<string> _arguments = [];
    private string? _lastExit;
    private CancellationTokenSource? _tick;
    private Task _ticking = Task.CompletedTask;
    private long _lastKeyframeRequest;
    private bool _posterPending = true;
    private int _closed;
    private readonly Dictionary<string, StageRecorder> _stages = new(StringComparer.Ordinal);
    private IReadOnlySet<long> _stageConsent = new HashSet<long>();

    private RecordingSession(RecorderContext context, string folder, RecordingManifest manifest)
    {
        _context = context;
        Folder = folder;
        _manifest = manifest;
    }

    public string Folder { get; }

    public string RecordingId => _manifest.RecordingId;

    public string LessonId => _manifest.LessonId;

    public DateTimeOffset StartedAt => _manifest.StartedAt;

    /// <summary>The manifest as last saved.</summary>
    public RecordingManifest Manifest
    {
        get { lock (_gate) return _manifest; }
    }

    /// <summary>The ffmpeg run going now (tests kill it to prove restarts).</summary>
    internal FfmpegProcess? CurrentProcess => _supervisor?.Current;

    /// <summary>Plain RTP consumers feeding the current run.</summary>
    internal int SinkCount
    {
        get { lock (_gate) return _sinks.Count; }
    }

    /// <summary>Rooms on stage being recorded now (tests).</summary>
    internal IReadOnlyList<StageRecorder> Stages
    {
        get { lock (_gate) return [.. _stages.Values]; }
    }

    /// <summary>The classrooms whose rooms on stage may be recorded (the policy's decision for this lesson).</summary>
    public IReadOnlySet<long> StageConsent
    {
        get { lock (_gate) return _stageConsent; }
        set { lock (_gate) _stageConsent = value; }
    }

    /// <summary>True while the studio is present and a supervisor keeps ffmpeg running.</summary>
    public bool IsRunning => _supervisor is not null;

    /// <summary>Makes the folder {root}/{id}/ (owner only) and its first manifest.</summary>
    public static RecordingSession Create(RecorderContext context, string lessonId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Time.GetUtcNow();
        var safe = new string([.. lessonId.Take(64).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        var id = safe + "-" + now.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + RandomNumberGenerator.GetHexString(6, lowercase: true);
        var folder = Path.Combine(context.Root, id);
        RecorderContext.CreateFolder(folder);
        var manifest = new RecordingManifest(id, lessonId, now);
        manifest.Save(folder);
        RecorderMetrics.RecordingOpened();
        return new RecordingSession(context, folder, manifest);
    }

    /// <summary>The studio is present (first time, or back after it was lost): runs start.</summary>
    public void Start(Router router, Producer producer)
    {
        lock (_gate)
        {
            _router = router;
            _producer = producer;
            if (_supervisor is not null) return;
            _supervisor = new FfmpegSupervisor(_context.Options.FfmpegPath, _ => _arguments, _context.Time, OnExit, BeforeRunAsync);
        }

        _supervisor.Start();
        if (_tick is null)
        {
            _tick = new CancellationTokenSource();
            _ticking = TickAsync(_tick.Token);
        }
    }

    /// <summary>
    /// A room came on stage: recorded (its own runs of the <c>stage</c> rendition) only when its
    /// classroom is in the policy's consent list; otherwise nothing of it is consumed or written.
    /// </summary>
    public bool StageArrived(Router router, Producer producer)
    {
        StageRecorder stage;
        StageRecorder? replaced = null;
        lock (_gate)
        {
            if (StageRecorder.ClassroomOf(producer.Id) is not { } classroom || !_stageConsent.Contains(classroom))
            {
                _context.Log.RecordingSkipped(LessonId, producer.Id + " on stage without recording consent");
                return false;
            }

            if (_stages.TryGetValue(producer.Id, out var existing))
            {
                if (ReferenceEquals(existing.Producer, producer)) return true;
                replaced = existing;
            }

            _stages[producer.Id] = stage = new StageRecorder(_context, this, router, producer);
        }

        // Outside the session's gate: a stage recorder takes its own gate and then this one (IStageRuns), never the other way round.
        if (replaced is not null) _ = replaced.StopAsync("replaced");
        stage.Start();
        return true;
    }

    /// <summary>A room left the stage: its turn's run closes.</summary>
    public async Task StageLeftAsync(Producer producer)
    {
        StageRecorder? stage;
        lock (_gate)
        {
            if (!_stages.TryGetValue(producer.Id, out stage) || !ReferenceEquals(stage.Producer, producer)) return;
            _stages.Remove(producer.Id);
        }

        await stage.StopAsync("left the stage").ConfigureAwait(false);
        Compose(final: false);
    }

    private async Task StopStagesAsync(bool abandon)
    {
        List<StageRecorder> stages;
        lock (_gate)
        {
            stages = [.. _stages.Values];
            _stages.Clear();
        }

        await Task.WhenAll(stages.Select(s => abandon ? s.AbandonAsync() : s.StopAsync("stopped"))).ConfigureAwait(false);
    }

    RecordingRun IStageRuns.AddRun(IReadOnlyList<string> renditions, string producer)
    {
        lock (_gate)
        {
            var run = new RecordingRun(_manifest.Runs.Count + 1, _context.Time.GetUtcNow(), renditions) { Producer = producer };
            RecorderContext.CreateFolder(Path.Combine(Folder, run.Folder));
            _manifest = _manifest with { Runs = [.. _manifest.Runs, run] };
            _manifest.Save(Folder);
            return run;
        }
    }

    void IStageRuns.EndRun(int number, string why)
    {
        lock (_gate)
        {
            _manifest = _manifest with { Runs = [.. _manifest.Runs.Select(r => r.Number == number && r.Exit is null ? r with { Exit = why } : r)] };
            _manifest.Save(Folder);
        }
    }

    /// <summary>The studio left: the run is asked to finish its segments; the recording stays open.</summary>
    public async Task StopRunAsync(string why)
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
        int audioPort;
        lock (_gate) (audio, audioPort) = (_audioSink, _tracks.FirstOrDefault(t => t.Role == RecordedTrackRole.Audio)?.Port ?? 0);
        var stopping = supervisor.StopAsync(TimeSpan.FromSeconds(_context.Options.StopSeconds)); // marks the stop as requested, sends "q"
        if (running is not null) await OpusSilence.KeepAwakeAsync(_context, running, audio, audioPort).ConfigureAwait(false);
        await stopping.ConfigureAwait(false);
        await supervisor.DisposeAsync().ConfigureAwait(false);
        lock (_gate) CloseRun(why);
        Compose(final: false);
    }

    /// <summary>The lesson ended (or the studio stayed away past the grace): ffmpeg finishes, playlists close, the catalog hears.</summary>
    public async Task<RecordingFinished> FinishAsync()
    {
        await StopTickingAsync().ConfigureAwait(false);
        await Task.WhenAll(StopStagesAsync(abandon: false), StopRunAsync("stopped")).ConfigureAwait(false);
        RecordingManifest manifest;
        lock (_gate) manifest = _manifest;
        var finished = await RecordingFinisher.FinishAsync(_context, Folder, manifest, recovered: false, _context.Time.GetUtcNow()).ConfigureAwait(false);
        lock (_gate) _manifest = RecordingManifest.Load(Folder) ?? _manifest;
        Closed();
        return finished;
    }

    /// <summary>What a crash leaves: ffmpeg killed (no last segment), sinks gone, the manifest still "recording".</summary>
    internal async Task AbandonAsync()
    {
        Closed();
        await StopTickingAsync().ConfigureAwait(false);
        await StopStagesAsync(abandon: true).ConfigureAwait(false);
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

    /// <summary>Counts the recording out of the active gauge once, however it ended.</summary>
    private void Closed()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0) RecorderMetrics.RecordingClosed();
    }

    private async Task StopTickingAsync()
    {
        if (_tick is null) return;
        await _tick.CancelAsync().ConfigureAwait(false);
        try
        {
            await _ticking.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _tick.Dispose();
        _tick = null;
    }

    /// <summary>Before each ffmpeg start: the previous run's sinks go, the new run gets its folder, ports, SDP and arguments.</summary>
    private Task BeforeRunAsync(int supervisorRun)
    {
        RecordingRun run;
        IReadOnlyList<RecordingTrack> tracks;
        lock (_gate)
        {
            DetachSinks();
            CloseRun(_lastExit ?? "ended");
            var producer = _producer ?? throw new InvalidOperationException("no studio producer");
            tracks = TracksOf(producer);
            if (tracks.Count == 0) throw new InvalidOperationException("the studio has no tracks yet");
            run = new RecordingRun(_manifest.Runs.Count + 1, _context.Time.GetUtcNow(), RecordingArguments.Renditions(tracks));
            var runFolder = Path.Combine(Folder, run.Folder);
            RecorderContext.CreateFolder(runFolder);
            var sdp = Path.Combine(runFolder, SdpFile);
            File.WriteAllText(sdp, RecordingSdp.Write(tracks));
            _arguments = RecordingArguments.For(runFolder, sdp, tracks, _context.Options.SegmentSeconds);
            _manifest = _manifest with { Runs = [.. _manifest.Runs, run] };
            _manifest.Save(Folder);
            _run = run;
            _tracks = tracks;
            _audioSink = null;
            _lastExit = null;
        }

        _ = AttachWhenListeningAsync(run, tracks);
        _context.Log.RecordingRunStarted(RecordingId, run.Number, string.Join(", ", tracks.Select(t => t.Role + " " + t.Codec.EncodingName)));
        return Task.CompletedTask;
    }

    private void OnExit(FfmpegExit exit)
    {
        if (exit.Requested) return;
        var reason = "ffmpeg exited (" + exit.ExitCode.ToString(CultureInfo.InvariantCulture) + "): " + exit.Reason;
        lock (_gate) _lastExit = reason.Length > 300 ? reason[..300] : reason;
        RecorderMetrics.Restarted("studio", exit.ExitCode);
        _context.Log.RecordingRunFailed(RecordingId, exit.Run, exit.ExitCode, exit.Reason);
    }

    /// <summary>The studio's tracks as the run's inputs: audio, camera, and courseware once the studio sends it.</summary>
    private static List<RecordingTrack> TracksOf(Producer producer)
    {
        var tracks = new List<RecordingTrack>();
        if (producer.Source is not { } source) return tracks;
        if (source.Tracks.FirstOrDefault(t => t.Kind == "audio") is { Codecs.Count: > 0 } audio)
            tracks.Add(new RecordingTrack(RecordedTrackRole.Audio, audio.Codecs[0] with { PayloadType = 111 }, RtpPorts.TakeFreePair()));
        if (source.Tracks.FirstOrDefault(t => t.Kind == "video" && t.VideoOrdinal == 0) is { Codecs.Count: > 0 } camera)
            tracks.Add(new RecordingTrack(RecordedTrackRole.Camera, camera.Codecs[0] with { PayloadType = 96 }, RtpPorts.TakeFreePair()));
        if (source.Tracks.FirstOrDefault(t => t.Kind == "video" && t.VideoOrdinal == 1) is { Codecs.Count: > 0 } courseware && SendsCourseware(producer))
            tracks.Add(new RecordingTrack(RecordedTrackRole.Courseware, courseware.Codecs[0] with { PayloadType = 97 }, RtpPorts.TakeFreePair()));
        return tracks;
    }

    /// <summary>The studio page always offers a courseware section; it carries media only while something is shared.</summary>
    private static bool SendsCourseware(Producer producer) => producer.Ring.LastKeyframe(PacketRing.SecondVideoStream) >= 0;

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
            if (!ReferenceEquals(_run, run) || _supervisor is null || _router is not { } router) return;
            foreach (var track in tracks)
            {
                var kind = track.IsVideo ? "video" : "audio";
                var negotiated = new NegotiatedTrack(kind, "recording-" + track.Role, [track.Codec], RandomSsrc(), []);
                var plan = track.Role switch
                {
                    RecordedTrackRole.Audio => new ConsumerPlan(ProducerSelector.Studio, negotiated, null, null),
                    RecordedTrackRole.Camera => new ConsumerPlan(ProducerSelector.Studio, null, negotiated, null),
                    _ => new ConsumerPlan(ProducerSelector.Studio, null, null, negotiated),
                };
                var path = new UdpPath(_context.SendSocket, new IPEndPoint(IPAddress.Loopback, track.Port).Serialize(), _context.Counters);
                if (router.AttachConsumer(new PlainRtpSink(path), plan) is { } consumer) _sinks.Add(consumer);
                if (track.Role == RecordedTrackRole.Audio) _audioSink = negotiated;
            }
        }
    }

    private static uint RandomSsrc() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);

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
        _manifest = _manifest with { Runs = [.. _manifest.Runs.Select(r => r.Number == run.Number && r.Exit is null ? r with { Exit = why } : r)] };
        _manifest.Save(Folder);
        _run = null;
    }

    private List<ComposedPlaylist> Compose(bool final)
    {
        RecordingManifest manifest;
        lock (_gate) manifest = _manifest;
        return [.. manifest.Runs.SelectMany(r => r.Renditions).Distinct(StringComparer.Ordinal)
            .Select(name => RecordingPlaylists.Compose(Folder, manifest, name, final))];
    }

    /// <summary>Once a second while the recording is open: live playlists, key frames for copied H.264, poster, courseware appearing.</summary>
    private async Task TickAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _context.Time);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            try
            {
                var composed = Compose(final: false);
                RequestKeyframes();
                foreach (var stage in Stages) stage.Tick();
                if (_posterPending && composed.Find(c => c.Rendition == RecordingArguments.Camera) is { Segments: >= 3 })
                {
                    _posterPending = false;
                    if (await PosterJob.TakeAsync(_context.Options.FfmpegPath, Folder, TimeSpan.FromSeconds(10)).ConfigureAwait(false))
                    {
                        lock (_gate)
                        {
                            _manifest = _manifest with { Poster = PosterJob.FileName };
                            _manifest.Save(Folder);
                        }
                    }
                }

                RollOverForCourseware();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                _context.Log.RecordingStepFailed(RecordingId, "live update", e);
            }
        }
    }

    /// <summary>
    /// Copied H.264 is cut only at key frames, and browsers send them rarely: every
    /// <see cref="RecordingOptions.KeyframeIntervalSeconds"/> the recorder asks the studio for one
    /// (through the producer's throttle, at most one a second per stream however many ask). The
    /// sinks also report an unlimited loopback, so a simulcast studio is recorded at its top layer.
    /// </summary>
    private void RequestKeyframes()
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
        if (_context.Time.GetElapsedTime(_lastKeyframeRequest) < TimeSpan.FromSeconds(interval) && _lastKeyframeRequest != 0) return;
        _lastKeyframeRequest = _context.Time.GetTimestamp();
        foreach (var consumer in sinks)
        {
            if (consumer.Producer is not { } producer) continue;
            if (consumer.Plan.Video is not null) producer.RequestKeyframe(producer.EffectiveLayer(consumer.TargetLayer, consumer.Sink.MaxLayer));
            if (consumer.Plan.SecondVideo is not null) producer.RequestKeyframe(PacketRing.SecondVideoStream);
        }
    }

    /// <summary>Courseware shared after the run started: the run finishes and the next one records it too (a discontinuity).</summary>
    private void RollOverForCourseware()
    {
        FfmpegProcess? current;
        lock (_gate)
        {
            if (_producer is not { } producer || _supervisor is null || _tracks.Count == 0) return;
            if (_tracks.Any(t => t.Role == RecordedTrackRole.Courseware) || !SendsCourseware(producer)) return;
            if (producer.Source?.Tracks.Any(t => t.Kind == "video" && t.VideoOrdinal == 1) != true) return;
            current = _supervisor.Current;
            _lastExit = "courseware started";
        }

        if (current is not null) _ = current.StopAsync(TimeSpan.FromSeconds(_context.Options.StopSeconds));
    }
}
