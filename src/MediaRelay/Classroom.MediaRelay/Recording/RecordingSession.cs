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
internal sealed class RecordingSession : IStageRuns, IRecorderRunHost
{
    private readonly RecorderContext _context;
    private readonly Lock _gate = new();
    private readonly RecorderRun _studio;
    private RecordingManifest _manifest;
    private CancellationTokenSource? _tick;
    private Task _ticking = Task.CompletedTask;
    private bool _posterPending = true;
    private int _closed;
    private readonly Dictionary<string, StageRecorder> _stages = new(StringComparer.Ordinal);
    private IReadOnlySet<long> _stageConsent = new HashSet<long>();

    private RecordingSession(RecorderContext context, string folder, RecordingManifest manifest)
    {
        _context = context;
        Folder = folder;
        _manifest = manifest;
        _studio = new RecorderRun(context, this);
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
    internal FfmpegProcess? CurrentProcess => _studio.CurrentProcess;

    /// <summary>Plain RTP consumers feeding the current run.</summary>
    internal int SinkCount => _studio.SinkCount;

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
    public bool IsRunning => _studio.IsRunning;

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
        _studio.Start(router, producer);
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

    int IStageRuns.SegmentSeconds => _context.Options.SegmentSeconds;

    RecordingRun IStageRuns.AddRun(IReadOnlyList<string> renditions, string? producer) => AddRun(renditions, producer);

    private RecordingRun AddRun(IReadOnlyList<string> renditions, string? producer)
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

    void IStageRuns.EndRun(int number, string why) => EndRun(number, why);

    private void EndRun(int number, string why)
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
        await _studio.StopAsync(why).ConfigureAwait(false);
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
        await _studio.AbandonAsync().ConfigureAwait(false);
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

    string IRecorderRunHost.Kind => "studio";

    /// <summary>The studio's tracks as the run's inputs: audio, camera, and courseware once the studio sends it.</summary>
    IReadOnlyList<RecordingTrack> IRecorderRunHost.TracksOf(Producer producer)
    {
        var tracks = RecordingTrack.AudioAndCamera(producer);
        if (producer.Source?.Tracks.FirstOrDefault(t => t.Kind == "video" && t.VideoOrdinal == 1) is { Codecs.Count: > 0 } courseware && SendsCourseware(producer))
            tracks.Add(new RecordingTrack(RecordedTrackRole.Courseware, courseware.Codecs[0] with { PayloadType = 97 }, RtpPorts.TakeFreePair()));
        return tracks;
    }

    (RecordingRun Run, IReadOnlyList<string> Arguments) IRecorderRunHost.OpenRun(Producer producer, IReadOnlyList<RecordingTrack> tracks)
    {
        var run = AddRun(RecordingArguments.Renditions(tracks), producer: null);
        return (run, RecordingTrack.WriteRunInput(Folder, run, tracks, RecordingArguments.Camera, _context.Options.SegmentSeconds));
    }

    void IRecorderRunHost.EndRun(int number, string why) => EndRun(number, why);

    ConsumerPlan IRecorderRunHost.PlanFor(Producer producer, RecordingTrack track, NegotiatedTrack negotiated) => track.Role switch
    {
        RecordedTrackRole.Audio => new ConsumerPlan(ProducerSelector.Studio, negotiated, null, null),
        RecordedTrackRole.Camera => new ConsumerPlan(ProducerSelector.Studio, null, negotiated, null),
        _ => new ConsumerPlan(ProducerSelector.Studio, null, null, negotiated),
    };

    /// <summary>The studio page always offers a courseware section; it carries media only while something is shared.</summary>
    private static bool SendsCourseware(Producer producer) => producer.Ring.LastKeyframe(PacketRing.SecondVideoStream) >= 0;

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
                _studio.Tick();
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

                // Courseware shared after the run started: the run finishes and the next one records it too (a discontinuity).
                _studio.RollOverWhen(
                    (producer, tracks) => !tracks.Any(t => t.Role == RecordedTrackRole.Courseware) && SendsCourseware(producer)
                        && producer.Source?.Tracks.Any(t => t.Kind == "video" && t.VideoOrdinal == 1) == true,
                    "courseware started");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                _context.Log.RecordingStepFailed(RecordingId, "live update", e);
            }
        }
    }
}
