using System.Collections.Concurrent;
using System.Threading.Channels;
using Classroom.Hub.Hubs;
using Classroom.Hub.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace Classroom.Hub.Broadcast;

/// <summary>
/// Fan-out after the fact: hub methods store, return the acknowledgement, and leave the broadcast
/// here, so a record is never announced before it is durable and a slow or broken backplane never
/// delays an acknowledgement. The backplane is at-most-once: when a send fails the lesson is
/// remembered and, once sends work again, its clients get <c>Resync</c> and re-read the state.
/// </summary>
public sealed class LessonBroadcaster : BackgroundService
{
    private readonly IHubContext<LessonHub, ILessonClient> _hub;
    private readonly TimeProvider _time;
    private readonly ILogger<LessonBroadcaster> _logger;
    private readonly ConcurrentDictionary<string, int> _localLessons = new(StringComparer.Ordinal);
    private long _resyncNotBeforeMs;

    public LessonBroadcaster(IHubContext<LessonHub, ILessonClient> hub, TimeProvider time, ILogger<LessonBroadcaster> logger, BackplaneEvents backplane)
    {
        ArgumentNullException.ThrowIfNull(backplane);
        _hub = hub;
        _time = time;
        _logger = logger;
        backplane.Restored += OnBackplaneRestored;
    }

    private readonly Channel<Broadcast> _queue = Channel.CreateBounded<Broadcast>(new BoundedChannelOptions(50_000)
    {
        SingleReader = true,
        // Wait mode makes TryWrite return false when full (the drop modes report success), so an
        // overflow is known and turns into a Resync instead of a silent loss.
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ConcurrentDictionary<string, byte> _needResync = new(StringComparer.Ordinal);

    /// <summary>Queues a send; never blocks the caller and never throws.</summary>
    public void Enqueue(string lessonId, string method, Func<IHubClients<ILessonClient>, Task> send)
    {
        if (!_queue.Writer.TryWrite(new Broadcast(lessonId, method, send))) _needResync.TryAdd(lessonId, 0);
    }

    /// <summary>Counts this node's connections per lesson, so a backplane restore knows whom to resync.</summary>
    public void Joined(string lessonId) => _localLessons.AddOrUpdate(lessonId, 1, (_, n) => n + 1);

    public void Left(string lessonId)
    {
        if (_localLessons.AddOrUpdate(lessonId, 0, (_, n) => n - 1) <= 0) _localLessons.TryRemove(lessonId, out _);
    }

    private void OnBackplaneRestored()
    {
        // Give every node a moment to re-subscribe its groups before the Resync goes out.
        Interlocked.Exchange(ref _resyncNotBeforeMs, _time.GetUtcNow().ToUnixTimeMilliseconds() + 2000);
        foreach (var lesson in _localLessons.Keys) _needResync.TryAdd(lesson, 0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resync = ResyncLoopAsync(stoppingToken);
        try
        {
            await foreach (var b in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    HubMetrics.BroadcastQueueWait.Record(HubMetrics.MillisecondsSince(b.QueuedAt));
                    await b.Send(_hub.Clients).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    HubLog.BroadcastFailed(_logger, b.Method, b.LessonId, e.Message);
                    _needResync.TryAdd(b.LessonId, 0);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }

        await resync.ConfigureAwait(false);
    }

    private async Task ResyncLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (_time.GetUtcNow().ToUnixTimeMilliseconds() < Interlocked.Read(ref _resyncNotBeforeMs)) continue;
                foreach (var lessonId in _needResync.Keys)
                {
                    try
                    {
                        await _hub.Clients.Group(LessonGroups.Lesson(lessonId)).Resync().ConfigureAwait(false);
                        _needResync.TryRemove(lessonId, out _);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        HubLog.BroadcastFailed(_logger, nameof(ILessonClient.Resync), lessonId, e.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private sealed record Broadcast(string LessonId, string Method, Func<IHubClients<ILessonClient>, Task> Send)
    {
        public long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
    }
}
