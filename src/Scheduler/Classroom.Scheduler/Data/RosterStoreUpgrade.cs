using System.Data.Common;
using Classroom.Contracts.Privacy;
using Classroom.Scheduler.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler.Data;

/// <summary>
/// An upgrade step of the releases before migrations, kept for a scheduler.db they wrote before
/// names were encrypted (<see cref="SchedulerStoreMigrator"/> runs it before recording the initial
/// migration): adds the roster's UpdatedUtcTicks column (existing entries count as written now, so
/// they get a full retention period) and encrypts names stored in clear. SQLite only — those
/// releases created a PostgreSQL store with the current schema.
/// </summary>
internal sealed class RosterStoreUpgrade(PersonalDataProtector protector, TimeProvider clock, ILogger logger)
{
    public async Task RunAsync(SchedulerDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (!await RawSql.TableExistsAsync(connection, "Roster", cancellationToken)) return;
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var added = 0;
            if (!await RawSql.ColumnExistsAsync(connection, tx, "Roster", "UpdatedUtcTicks", cancellationToken))
            {
                await RawSql.ExecuteAsync(connection, tx, "ALTER TABLE \"Roster\" ADD COLUMN \"UpdatedUtcTicks\" INTEGER NOT NULL DEFAULT 0", cancellationToken);
                await RawSql.ExecuteAsync(connection, tx, "UPDATE \"Roster\" SET \"UpdatedUtcTicks\" = $now", cancellationToken, ("$now", clock.GetUtcNow().UtcTicks));
                await RawSql.ExecuteAsync(connection, tx, "CREATE INDEX IF NOT EXISTS \"IX_Roster_UpdatedUtcTicks\" ON \"Roster\" (\"UpdatedUtcTicks\")", cancellationToken);
                added = 1;
            }

            var encrypted = await EncryptClearNamesAsync(connection, tx, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            if (encrypted > 0)
            {
                // The clear names still sit in freed pages and old WAL frames: rebuild the file and empty the WAL.
                await RawSql.CompactAsync(connection, cancellationToken);
            }

            if (added + encrypted > 0) PrivacyLog.RosterStoreUpgraded(logger, added, encrypted);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> EncryptClearNamesAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var clear = await RawSql.IdsAndTextAsync(connection, tx, "SELECT \"Id\", \"DisplayName\" FROM \"Roster\" WHERE \"DisplayName\" NOT LIKE 'v1:%'", ct);
        foreach (var (id, name) in clear)
            await RawSql.ExecuteAsync(connection, tx, "UPDATE \"Roster\" SET \"DisplayName\" = $name WHERE \"Id\" = $id", ct, ("$name", protector.Protect(name)), ("$id", id));
        return clear.Count;
    }
}
