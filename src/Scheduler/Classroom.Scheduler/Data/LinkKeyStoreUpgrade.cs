using System.Data.Common;
using Classroom.Scheduler.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler.Data;

/// <summary>
/// An upgrade step of the releases before migrations, kept for a scheduler.db they wrote while
/// link keys were stored in clear (<see cref="SchedulerStoreMigrator"/> runs it before recording
/// the initial migration). A classroom's old kiosk key was also its
/// calendar feed key, so it becomes both hashes: calendars already subscribed keep working, and an
/// admin separates the two by resetting either. A teacher's feed key becomes its hash. Then the
/// clear columns are dropped and the file compacted so the keys leave freed pages and the WAL.
/// SQLite only — those releases created a PostgreSQL store with the current schema.
/// </summary>
internal sealed class LinkKeyStoreUpgrade(ILogger logger)
{
    public async Task RunAsync(SchedulerDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (!await RawSql.TableExistsAsync(connection, "Classrooms", cancellationToken)) return;
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var rooms = await HashColumnAsync(connection, tx, "Classrooms", "KioskKey", ["KioskKeyHash", "FeedKeyHash"], cancellationToken);
            var teachers = await HashColumnAsync(connection, tx, "Teachers", "FeedKey", ["FeedKeyHash"], cancellationToken);
            await tx.CommitAsync(cancellationToken);
            if (rooms is null && teachers is null) return;
            await RawSql.CompactAsync(connection, cancellationToken);
            SchedulerLog.LinkKeysHashed(logger, rooms ?? 0, teachers ?? 0);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Moves a clear key column into hash columns and drops it; null when the table has no clear column.</summary>
    private static async Task<int?> HashColumnAsync(DbConnection connection, DbTransaction tx, string table, string clearColumn, string[] hashColumns, CancellationToken ct)
    {
        if (!await RawSql.ColumnExistsAsync(connection, tx, table, clearColumn, ct)) return null;
        foreach (var column in hashColumns)
        {
            if (!await RawSql.ColumnExistsAsync(connection, tx, table, column, ct))
                await RawSql.ExecuteAsync(connection, tx, $"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" TEXT NOT NULL DEFAULT ''", ct);
        }

        var keys = await RawSql.IdsAndTextAsync(connection, tx, $"SELECT \"Id\", \"{clearColumn}\" FROM \"{table}\"", ct);
        var assignments = string.Join(", ", hashColumns.Select(c => $"\"{c}\" = $hash"));
        foreach (var (id, key) in keys)
            await RawSql.ExecuteAsync(connection, tx, $"UPDATE \"{table}\" SET {assignments} WHERE \"Id\" = $id", ct, ("$hash", SecretKeys.Hash(key)), ("$id", id));

        // SQLite drops a column only once no index names it (the old model had a unique index on each key).
        await RawSql.ExecuteAsync(connection, tx, $"DROP INDEX IF EXISTS \"IX_{table}_{clearColumn}\"", ct);
        await RawSql.ExecuteAsync(connection, tx, $"ALTER TABLE \"{table}\" DROP COLUMN \"{clearColumn}\"", ct);
        return keys.Count;
    }
}
