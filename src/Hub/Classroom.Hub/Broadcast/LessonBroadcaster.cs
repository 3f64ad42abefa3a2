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
public sealed class LessonBroadcaster(IHubContext<LessonHub, ILessonClient> hub, TimeProvider time, ILogger<LessonBroadcaster> logger)
    : BackgroundService
{
    private readonly Channel<Broadcast> _queue = Channel.CreateBounded<Broadcast>(new BoundedChannelOptions(50_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    private readonly ConcurrentDictionary<string, byte> _needResync = new(StringComparer.Ordinal);

    /// <summary>Queues a send; never blocks the caller and never throws.</summary>
    public void Enqueue(string lessonId, string method, Func<IHubClients<ILessonClient>, Task> send)
    {
        if (!_queue.Writer.TryWrite(new Broadcast(lessonId, method, send))) _needResync.TryAdd(lessonId, 0);
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
                    await b.Send(hub.Clients).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    HubLog.BroadcastFailed(logger, b.Method, b.LessonId, e.Message);
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
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var lessonId in _needResync.Keys)
                {
                    try
                    {
                        await hub.Clients.Group(LessonGroups.Lesson(lessonId)).Resync().ConfigureAwait(false);
                        _needResync.TryRemove(lessonId, out _);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        HubLog.BroadcastFailed(logger, nameof(ILessonClient.Resync), lessonId, e.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private sealed record Broadcast(string LessonId, string Method, Func<IHubClients<ILessonClient>, Task> Send);
}
