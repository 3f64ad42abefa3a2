using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler.Data;

/// <summary>
/// Adds the recurring-season columns (<c>SeasonFrom</c>, <c>SeasonTo</c>: month × 100 + day) to the
/// bell schedules of a store written before seasons could recur every year, before anything reads
/// it (registered ahead of <see cref="SchedulerStartup"/>, whose EnsureCreated leaves existing tables
/// alone). Both columns are null for the old rows, so their fixed dates keep applying as before.
/// SQLite and PostgreSQL: a PostgreSQL store may have been created by the release before this one.
/// </summary>
internal sealed class BellSeasonStoreUpgrade(IServiceProvider services, ILogger<BellSeasonStoreUpgrade> logger) : IHostedService
{
    private const string Table = "BellSchedules";
    private static readonly string[] Columns = ["SeasonFrom", "SeasonTo"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        if (db.Database.IsNpgsql())
        {
            // A database that does not exist yet is created with the current schema by SchedulerStartup.
            if (!await db.Database.CanConnectAsync(cancellationToken)) return;
            foreach (var column in Columns)
            {
                // Table and column names are constants of this class, not input.
#pragma warning disable EF1002
                await db.Database.ExecuteSqlRawAsync(
                    $"DO $$ BEGIN IF to_regclass('\"{Table}\"') IS NOT NULL THEN ALTER TABLE \"{Table}\" ADD COLUMN IF NOT EXISTS \"{column}\" integer NULL; END IF; END $$;",
                    cancellationToken);
#pragma warning restore EF1002
            }

            return;
        }

        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (!await RawSql.TableExistsAsync(connection, Table, cancellationToken)) return;
            var added = 0;
            foreach (var column in Columns)
            {
                if (await RawSql.ColumnExistsAsync(connection, null, Table, column, cancellationToken)) continue;
                await RawSql.ExecuteAsync(connection, null, $"ALTER TABLE \"{Table}\" ADD COLUMN \"{column}\" INTEGER NULL", cancellationToken);
                added++;
            }

            if (added > 0) SchedulerLog.BellSeasonsAdded(logger, added);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
