using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Store;

/// <summary>
/// The single writer of a hub node: queued operations are applied in batches of up to
/// <see cref="MaxBatch"/> and committed with one SaveChanges (group commit — one fsync for many
/// records). A caller's task completes only after its batch committed, which is what lets the hub
/// acknowledge a record. If a batch fails (e.g. another node stored the same id meanwhile), each
/// operation is retried alone so one bad record cannot fail its neighbours.
/// </summary>
public sealed class StoreWriter(IDbContextFactory<HubDbContext> contexts, TimeProvider time, ILogger<StoreWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<StoreOp> _queue = Channel.CreateBounded<StoreOp>(new BoundedChannelOptions(20_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public async Task<T> RunAsync<T>(Func<HubDbContext, long, CancellationToken, Task<T>> apply, CancellationToken cancellationToken,
        (Type Type, Guid Id)? prefetch = null)
    {
        var op = new StoreOp<T>(apply) { Prefetch = prefetch };
        await _queue.Writer.WriteAsync(op, cancellationToken).ConfigureAwait(false);
        await op.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return op.Result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<StoreOp>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var op)) batch.Add(op);
                foreach (var op in batch) HubMetrics.StoreQueueWait.Record(HubMetrics.MillisecondsSince(op.QueuedAt));
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await CommitAsync(batch, stoppingToken).ConfigureAwait(false);
                HubMetrics.StoreCommit.Record(HubMetrics.MillisecondsSince(started));
                HubMetrics.StoreBatchSize.Record(batch.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued was never acknowledged; clients resend it.
        }

        while (_queue.Reader.TryRead(out var left)) left.Failed(new OperationCanceledException("hub stopping"));
    }

    private async Task CommitAsync(List<StoreOp> batch, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
            foreach (var op in batch) op.Committed();
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HubLog.BatchRetried(logger, batch.Count, e.Message);
        }

        // Alone, on a fresh context, twice: the usual cause is another node that stored the same
        // id (or roster row) between our read and our commit; a fresh read then sees it.
        foreach (var op in batch)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ApplyAsync([op], cancellationToken).ConfigureAwait(false);
                    op.Committed();
                    break;
                }
                catch (Exception e) when (attempt < 2 && e is not OperationCanceledException)
                {
                    // retry once
                }
                catch (Exception e)
                {
                    HubLog.StoreFailed(logger, e);
                    op.Failed(e);
                    break;
                }
            }
        }
    }

    private async Task ApplyAsync(IReadOnlyList<StoreOp> ops, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // Operations look for the batch's own records in DbSet.Local, and with automatic change
        // detection every such look scans every tracked entity: a batch of n records cost O(n²),
        // 2–4 ms a record at n = 256 — the hub's tail (docs/bench-hub.md). Changes are detected
        // once, just before the commit.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await RecordPrefetch.LoadAsync(db, ops, cancellationToken).ConfigureAwait(false);
        foreach (var op in ops) await op.ApplyAsync(db, now, cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
