using Classroom.Contracts.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Store;

/// <summary>
/// Migrates the store at start (<see cref="StoreBaseline"/>; the releases before migrations had no
/// schema upgrade steps for it). SQLite gets WAL journaling (readers never block the writer; other
/// nodes sharing the file wait on the busy timeout); other providers need nothing special. A store
/// written before names were encrypted gets its names encrypted.
/// </summary>
public sealed class HubStoreInitializer(IDbContextFactory<HubDbContext> contexts, ILogger<HubStoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        try
        {
            await StoreBaseline.MigrateAsync(db, _ => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another node may have recorded the baseline of an older store at the same moment (EF
            // Core locks only the migrations themselves); then it is there now.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            await StoreBaseline.MigrateAsync(db, _ => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        }

        await SuspendOpenPresenceAsync(db, cancellationToken).ConfigureAwait(false);
        var encrypted = await EncryptClearNamesAsync(db, cancellationToken).ConfigureAwait(false);
        if (encrypted > 0) RetentionLog.NamesEncrypted(logger, encrypted);
    }

    /// <summary>
    /// Names in rows written before encryption have no version prefix; the converter reads them as
    /// they are, and this rewrites them through it. Raw SELECT (plain SQL, any provider) because a
    /// LIKE on the converted property would compare against an encrypted pattern.
    /// </summary>
    private static async Task<int> EncryptClearNamesAsync(HubDbContext db, CancellationToken ct)
    {
        var clear = await db.Database.SqlQueryRaw<ClearName>(
                "SELECT \"Id\", \"StudentName\" FROM \"Absentees\" WHERE \"StudentName\" NOT LIKE {0} AND \"StudentName\" <> {1}",
                PersonalDataProtector.Version1 + "%", RetentionJob.ErasedName)
            .ToListAsync(ct).ConfigureAwait(false);
        foreach (var row in clear)
        {
            var name = row.StudentName;
            await db.Absentees.Where(a => a.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.StudentName, name), ct).ConfigureAwait(false);
        }

        if (clear.Count > 0 && db.Database.IsSqlite())
        {
            // The clear names still sit in freed pages and old WAL frames: rebuild the file and empty the WAL.
            await db.Database.ExecuteSqlRawAsync("VACUUM", ct).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct).ConfigureAwait(false);
        }

        return clear.Count;
    }

    private sealed record ClearName(Guid Id, string StudentName);

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
