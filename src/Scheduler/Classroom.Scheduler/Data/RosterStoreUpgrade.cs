using System.Data.Common;
using Classroom.Contracts.Privacy;
using Classroom.Scheduler.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler.Data;

/// <summary>
/// Brings a scheduler.db written before names were encrypted up to date, before anything else
/// reads it (registered ahead of <see cref="SchedulerStartup"/>, which only creates missing
/// schemas): adds the roster's UpdatedUtcTicks column (existing entries count as written now, so
/// they get a full retention period) and encrypts names stored in clear. SQLite only — the
/// PostgreSQL store is new and always created with the current schema.
/// </summary>
internal sealed class RosterStoreUpgrade(IServiceProvider services, PersonalDataProtector protector, TimeProvider clock,
    ILogger<RosterStoreUpgrade> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (await ScalarAsync(connection, null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'Roster'", cancellationToken) == 0) return;
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var added = 0;
            if (await ScalarAsync(connection, tx, "SELECT COUNT(*) FROM pragma_table_info('Roster') WHERE name = 'UpdatedUtcTicks'", cancellationToken) == 0)
            {
                await ExecuteAsync(connection, tx, "ALTER TABLE \"Roster\" ADD COLUMN \"UpdatedUtcTicks\" INTEGER NOT NULL DEFAULT 0", cancellationToken);
                await ExecuteAsync(connection, tx, "UPDATE \"Roster\" SET \"UpdatedUtcTicks\" = $now", cancellationToken, ("$now", clock.GetUtcNow().UtcTicks));
                await ExecuteAsync(connection, tx, "CREATE INDEX IF NOT EXISTS \"IX_Roster_UpdatedUtcTicks\" ON \"Roster\" (\"UpdatedUtcTicks\")", cancellationToken);
                added = 1;
            }

            var encrypted = await EncryptClearNamesAsync(connection, tx, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            if (encrypted > 0)
            {
                // The clear names still sit in freed pages and old WAL frames: rebuild the file and empty the WAL.
                await ExecuteAsync(connection, null, "VACUUM", cancellationToken);
                await ExecuteAsync(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
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
        var clear = new List<(long Id, string Name)>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = tx;
            select.CommandText = "SELECT \"Id\", \"DisplayName\" FROM \"Roster\" WHERE \"DisplayName\" NOT LIKE 'v1:%'";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) clear.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        foreach (var (id, name) in clear)
            await ExecuteAsync(connection, tx, "UPDATE \"Roster\" SET \"DisplayName\" = $name WHERE \"Id\" = $id", ct, ("$name", protector.Protect(name)), ("$id", id));
        return clear.Count;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
