using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Store;

/// <summary>
/// Creates the schema at start. SQLite gets WAL journaling (readers never block the writer; other
/// nodes sharing the file wait on the busy timeout); other providers need nothing special.
/// </summary>
public sealed class HubStoreInitializer(IDbContextFactory<HubDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        try
        {
            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another node may have created the schema at the same moment; then it is there now.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }

        await SuspendOpenPresenceAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a restart this node holds no connections, and a crash left its intervals open with
    /// stale counts: mark them disconnected at their last sign of life. A client reconnecting within
    /// the grace period continues its interval (one interval, one drop); a live connection on
    /// another node clears the mark with its next heartbeat.
    /// </summary>
    private static Task SuspendOpenPresenceAsync(HubDbContext db, CancellationToken ct) =>
        db.Presence.Where(p => p.EndedAtMs == null && p.DisconnectedAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DisconnectedAtMs, p => p.LastSeenAtMs).SetProperty(p => p.Connections, 0), ct);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
