using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Data;

/// <summary>
/// An upgrade step of the releases before migrations, kept for a scheduler.db they wrote before
/// solve jobs and alliance settings (<see cref="SchedulerStoreMigrator"/> runs it before recording
/// the initial migration): the alliance's three settings (null = server default), the solve run's
/// change counts, and the SolveJobs table as the initial migration creates it. SQLite only, like
/// the other steps of those releases.
/// </summary>
internal static class SolveJobStoreUpgrade
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

    /// <summary>
    /// The table and its indexes exactly as the initial migration (SQLite) creates them — fixed
    /// text, not the current model's DDL, which later migrations will change.
    /// </summary>
    private static readonly string[] SolveJobsTable =
    [
        """
        CREATE TABLE "SolveJobs" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_SolveJobs" PRIMARY KEY AUTOINCREMENT,
            "AllianceId" INTEGER NOT NULL,
            "From" TEXT NOT NULL,
            "To" TEXT NOT NULL,
            "State" TEXT NOT NULL,
            "Progress" REAL NOT NULL,
            "CreatedUtcTicks" INTEGER NOT NULL,
            "StartedUtcTicks" INTEGER NULL,
            "FinishedUtcTicks" INTEGER NULL,
            "SolveRunId" INTEGER NULL,
            "ErrorCode" TEXT NULL,
            "ErrorDetail" TEXT NULL
        )
        """,
        "CREATE INDEX \"IX_SolveJobs_AllianceId_From_To\" ON \"SolveJobs\" (\"AllianceId\", \"From\", \"To\")",
        "CREATE INDEX \"IX_SolveJobs_State_Id\" ON \"SolveJobs\" (\"State\", \"Id\")",
    ];

    public static async Task RunAsync(SchedulerDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (!await RawSql.TableExistsAsync(connection, "Alliances", cancellationToken)) return;
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
                foreach (var statement in SolveJobsTable)
                    await RawSql.ExecuteAsync(connection, tx, statement, cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
