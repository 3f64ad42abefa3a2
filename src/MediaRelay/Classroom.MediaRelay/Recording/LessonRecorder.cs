using System.Net;
using System.Net.Sockets;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Rooms;
using Microsoft.Extensions.Hosting;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// Records every lesson's studio (docs/recording.md). It hears the relay's routers through
/// <see cref="IProducerObserver"/>: the studio producer appearing starts (or resumes) the
/// lesson's recording; the studio's WHIP session being DELETEd ("end lesson") finishes it; the
/// studio lost any other way stops the current run and waits <see cref="RecordingOptions.GraceSeconds"/>
/// for it to return. On start it finishes recordings a crash left open. Steps of one lesson run
/// one after another on their own queue, never on the thread that reported them.
/// </summary>
internal sealed class LessonRecorder : IProducerObserver, IHostedService, IDisposable
{
    private readonly RecorderContext _context;
    private readonly RouterRegistry _rooms;
    private readonly IRecordingPolicy? _policy;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LessonEntry> _lessons = new(StringComparer.Ordinal);
    private readonly LowRenditionWorker _low;

    public LessonRecorder(RecordingOptions options, string root, RouterRegistry rooms, Transport.RelayCounters counters, TimeProvider time, MediaRelayLog log,
        IRecordingCatalog? catalog = null, IRecordingPolicy? policy = null)
    {
        _rooms = rooms;
        _policy = policy;
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { SendBufferSize = 1024 * 1024 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _context = new RecorderContext(options, time, log, catalog, socket, counters, root);
        _low = new LowRenditionWorker(_context);
        RecorderMetrics.Publish();
    }

    /// <summary>The background maker of low-bitrate renditions (tests).</summary>
    internal LowRenditionWorker LowRenditions => _low;

    /// <summary>Recordings finished at start because a crash had left them open.</summary>
    public IReadOnlyList<RecordingFinished> Recovered { get; private set; } = [];

    public string Root => _context.Root;

    /// <summary>The open recording of a lesson, if any (tests, status).</summary>
    internal RecordingSession? RecordingOf(string lessonId)
    {
        lock (_gate) return _lessons.GetValueOrDefault(lessonId)?.Session;
    }

    /// <summary>Completes when every step queued for the lesson so far has run.</summary>
    internal Task IdleAsync(string lessonId)
    {
        lock (_gate) return _lessons.TryGetValue(lessonId, out var entry) ? entry.Tail : Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        RecorderContext.CreateFolder(_context.Root);
        Recovered = await RecordingFinisher.RecoverAsync(_context).ConfigureAwait(false);
        _low.Start(); // finds the jobs the recovery just asked for and those a stop or crash cut short
        if (_context.Options.Enabled) _rooms.Observers.Add(this);
    }

    /// <summary>The relay stops: open recordings are finished (ffmpeg closes its segments), not left for recovery.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _rooms.Observers.Remove(this);
        List<LessonEntry> entries;
        lock (_gate) entries = [.. _lessons.Values];
        foreach (var entry in entries) Enqueue(entry.LessonId, () => FinishAsync(entry));
        foreach (var entry in entries) await IdleAsync(entry.LessonId).ConfigureAwait(false);
        await _low.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops recording without finishing anything: what a crash leaves behind (tests of recovery).</summary>
    internal async Task AbandonAsync()
    {
        _rooms.Observers.Remove(this);
        await _low.StopAsync().ConfigureAwait(false);
        List<LessonEntry> entries;
        lock (_gate) entries = [.. _lessons.Values];
        foreach (var entry in entries)
        {
            await IdleAsync(entry.LessonId).ConfigureAwait(false);
            if (entry.Session is { } session) await session.AbandonAsync().ConfigureAwait(false);
        }

        lock (_gate) _lessons.Clear();
    }

    public void ProducerAttached(Router router, Producer producer)
    {
        if (producer.Id == ProducerIds.Studio) Enqueue(router.LessonId, () => StudioArrivedAsync(router, producer));
        else if (producer.Id.StartsWith(ProducerIds.StagePrefix, StringComparison.Ordinal)) Enqueue(router.LessonId, () => StageArrived(router, producer));
    }

    public void ProducerRemoved(Router router, Producer producer, ProducerEnd end)
    {
        if (producer.Id == ProducerIds.Studio) Enqueue(router.LessonId, () => StudioLeftAsync(router.LessonId, producer, end));
        else if (producer.Id.StartsWith(ProducerIds.StagePrefix, StringComparison.Ordinal)) Enqueue(router.LessonId, () => StageLeftAsync(router.LessonId, producer));
    }

    /// <summary>A room on stage is recorded only inside an open recording and only with consent (<see cref="RecordingSession.StageArrived"/>).</summary>
    private Task StageArrived(Router router, Producer producer)
    {
        Entry(router.LessonId).Session?.StageArrived(router, producer);
        return Task.CompletedTask;
    }

    private Task StageLeftAsync(string lessonId, Producer producer) =>
        Entry(lessonId).Session is { } session ? session.StageLeftAsync(producer) : Task.CompletedTask;

    private async Task StudioArrivedAsync(Router router, Producer producer)
    {
        var entry = Entry(router.LessonId);
        entry.Grace?.Cancel();
        entry.Grace = null;
        if (entry.Session is { } open)
        {
            open.Start(router, producer);
            return;
        }

        var decision = await DecideAsync(router.LessonId).ConfigureAwait(false);
        if (!decision.Record)
        {
            _context.Log.RecordingSkipped(router.LessonId, "turned off for this lesson");
            return;
        }

        var session = RecordingSession.Create(_context, router.LessonId);
        session.StageConsent = decision.StageConsentClassrooms;
        entry.Session = session;
        _context.Log.RecordingStarted(session.RecordingId, session.LessonId, session.Folder);
        if (_context.Catalog is { } catalog)
        {
            try
            {
                await catalog.RecordingStartedAsync(new RecordingStarted(session.RecordingId, session.LessonId, session.StartedAt, session.Folder), CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _context.Log.RecordingStepFailed(session.RecordingId, "catalog start", e);
            }
        }

        session.Start(router, producer);
        foreach (var onStage in router.Producers)
        {
            if (onStage.Id.StartsWith(ProducerIds.StagePrefix, StringComparison.Ordinal) && onStage.Source is not null) session.StageArrived(router, onStage);
        }
    }

    private async Task StudioLeftAsync(string lessonId, Producer producer, ProducerEnd end)
    {
        var entry = Entry(lessonId);
        if (entry.Session is not { } session) return;
        if (end == ProducerEnd.Ended)
        {
            await FinishAsync(entry).ConfigureAwait(false);
            return;
        }

        await session.StopRunAsync("studio lost").ConfigureAwait(false);
        var grace = TimeSpan.FromSeconds(_context.Options.GraceSeconds);
        _context.Log.RecordingStudioLost(session.RecordingId, end.ToString(), _context.Options.GraceSeconds);
        var cancel = new CancellationTokenSource();
        entry.Grace = cancel;
        _ = WaitGraceAsync(entry, session, grace, cancel.Token);
    }

    private async Task WaitGraceAsync(LessonEntry entry, RecordingSession session, TimeSpan grace, CancellationToken cancel)
    {
        try
        {
            await Task.Delay(grace, _context.Time, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Enqueue(entry.LessonId, () => ReferenceEquals(entry.Session, session) && !session.IsRunning ? FinishAsync(entry) : Task.CompletedTask);
    }

    private async Task FinishAsync(LessonEntry entry)
    {
        entry.Grace?.Cancel();
        entry.Grace = null;
        if (entry.Session is not { } session) return;
        entry.Session = null;
        var ending = System.Diagnostics.Stopwatch.GetTimestamp();
        await session.FinishAsync().ConfigureAwait(false);
        RecorderMetrics.EndToPlayable.Record(RecorderMetrics.MillisecondsSince(ending));
        if (session.Manifest.Low is { IsOpen: true }) _low.Enqueue(session.RecordingId);
    }

    /// <summary>The scheduler's decision, or the default (record, no room on stage) without a policy or when it fails.</summary>
    private async Task<RecordingDecision> DecideAsync(string lessonId)
    {
        if (_policy is null) return RecordingDecision.Default;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            return await _policy.DecideAsync(lessonId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _context.Log.RecordingStepFailed(lessonId, "recording policy (recording with the default)", e);
            return RecordingDecision.Default;
        }
    }

    private LessonEntry Entry(string lessonId)
    {
        lock (_gate)
        {
            if (!_lessons.TryGetValue(lessonId, out var entry)) _lessons[lessonId] = entry = new LessonEntry(lessonId);
            return entry;
        }
    }

    /// <summary>Runs <paramref name="step"/> after the lesson's earlier steps; a failed step is logged and does not stop later ones.</summary>
    private void Enqueue(string lessonId, Func<Task> step)
    {
        var entry = Entry(lessonId);
        lock (_gate)
        {
            entry.Tail = entry.Tail.ContinueWith(async _ =>
            {
                try
                {
                    await step().ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _context.Log.RecordingStepFailed(entry.Session?.RecordingId ?? lessonId, "recording step", e);
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    public void Dispose() => _context.SendSocket.Dispose();

    private sealed class LessonEntry(string lessonId)
    {
        public string LessonId { get; } = lessonId;

        public RecordingSession? Session { get; set; }

        public CancellationTokenSource? Grace { get; set; }

        public Task Tail { get; set; } = Task.CompletedTask;
    }
}
