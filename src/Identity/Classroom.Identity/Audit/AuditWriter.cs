using System.Threading.Channels;
using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Audit;

/// <summary>
/// One writer appends audit rows in batches, so requests never contend for the SQLite write lock
/// and never wait on it. <see cref="FlushAsync"/> lets readers (the audit page, tests) see every
/// row enqueued before they asked. Stopping drains the queue.
/// </summary>
public sealed class AuditWriter(IDbContextFactory<AccountDbContext> contexts, ILogger<AuditWriter> logger) : BackgroundService
{
    private readonly Channel<(AuditEntry? Entry, TaskCompletionSource? Flushed)> _queue =
        Channel.CreateBounded<(AuditEntry?, TaskCompletionSource?)>(new BoundedChannelOptions(50_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(AuditEntry entry, CancellationToken ct) => _queue.Writer.WriteAsync((entry, null), ct);

    public async Task FlushAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((null, done), ct).ConfigureAwait(false);
        await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>();
        var flushes = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (batch.Count < 500 && reader.TryRead(out var item))
                {
                    if (item.Entry is not null) batch.Add(item.Entry);
                    if (item.Flushed is not null) flushes.Add(item.Flushed);
                }

                await WriteAsync(batch).ConfigureAwait(false);
                foreach (var f in flushes) f.TrySetResult();
                batch.Clear();
                flushes.Clear();
                if (stoppingToken.IsCancellationRequested && !reader.TryPeek(out _)) break;
            }
        }
        catch (ChannelClosedException)
        {
            // stopping
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(List<AuditEntry> batch)
    {
        if (batch.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
                db.Audit.AddRange(batch);
                await db.SaveChangesAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException && attempt < 5)
            {
                IdentityLog.AuditRetry(logger, e, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt)).ConfigureAwait(false);
            }
        }
    }
}
