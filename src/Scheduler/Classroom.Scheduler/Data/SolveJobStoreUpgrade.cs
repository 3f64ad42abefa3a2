using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Classroom.Scheduler.Data;

/// <summary>
/// Brings a scheduler.db from before solve jobs and alliance settings up to date, before anything
/// reads it (registered ahead of <see cref="SchedulerStartup"/>, whose EnsureCreated leaves
/// existing tables alone): the alliance's three settings (null = server default), the solve run's
/// change counts, and the SolveJobs table as the current model creates it. SQLite only, like the
/// other start-up upgrades; EF migrations replace these (issue 12).
/// </summary>
internal sealed class SolveJobStoreUpgrade(IServiceProvider services) : IHostedService
{
    private static readonly (string Table, string Column, string Type)[] Columns =
    [
        ("Alliances", "MinOverlapShare", "REAL NULL"),
        ("Alliances", "RelayCapacityPerLesson", "INTEGER NULL"),
        ("Alliances", "UplinkSharePerStream", "REAL NULL"),
        ("SolveRuns", "Kept", "INTEGER NOT NULL DEFAULT 0"),
        ("SolveRuns", "Added", "INTEGER NOT NULL DEFAULT 0"),
        ("SolveRuns", "DroppedNotOccurring", "INTEGER NOT NULL DEFAULT 0"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (!await RawSql.TableExistsAsync(connection, "Alliances", cancellationToken)) return; // a new store: EnsureCreated makes it whole
            var missing = new List<(string Table, string Column, string Type)>();
            foreach (var c in Columns)
            {
                if (await RawSql.TableExistsAsync(connection, c.Table, cancellationToken) && !await RawSql.ColumnExistsAsync(connection, null, c.Table, c.Column, cancellationToken))
                    missing.Add(c);
            }

            var jobsTable = await RawSql.TableExistsAsync(connection, "SolveJobs", cancellationToken);
            if (missing.Count == 0 && jobsTable) return;
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var (table, column, type) in missing)
                await RawSql.ExecuteAsync(connection, tx, $"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {type}", cancellationToken);

            if (!jobsTable)
            {
                // The model's own DDL for the table and its indexes, so the upgraded file matches a new one.
                foreach (var statement in db.Database.GenerateCreateScript().Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Where(s => s.Contains("\"SolveJobs\"", StringComparison.Ordinal)))
                {
                    await RawSql.ExecuteAsync(connection, tx, statement, cancellationToken);
                }
            }

            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
