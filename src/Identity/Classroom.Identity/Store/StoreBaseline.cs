using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Classroom.Identity.Store;

/// <summary>
/// Brings a store to the current schema with EF Core migrations. A database made by a release
/// before migrations (tables present, no migrations history) first gets that release's upgrade
/// steps, which leave it exactly as the initial migration would; the initial migration is then
/// recorded as applied, and the later ones run as on any other database. The scheduler and
/// hub stores have the same few lines (the projects share no EF Core code).
/// </summary>
internal static class StoreBaseline
{
    public static async Task MigrateAsync(DbContext db, Func<CancellationToken, Task> previousReleaseUpgrade, CancellationToken ct)
    {
        if (await IsPreviousReleaseAsync(db, ct).ConfigureAwait(false))
        {
            await previousReleaseUpgrade(ct).ConfigureAwait(false);
            await RecordInitialMigrationAsync(db, ct).ConfigureAwait(false);
        }

        await db.Database.MigrateAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Tables but no migrations history: made by EnsureCreated before this store had migrations.</summary>
    public static async Task<bool> IsPreviousReleaseAsync(DbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct).ConfigureAwait(false)) return false;
        if (await HistoryExistsAsync(db, ct).ConfigureAwait(false)) return false;
        return await creator.HasTablesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks the history table up by name (IHistoryRepository.ExistsAsync answers true on an
    /// unversioned PostgreSQL database with Npgsql 10, so it cannot tell the two apart).
    /// </summary>
    private static async Task<bool> HistoryExistsAsync(DbContext db, CancellationToken ct)
    {
        var sql = db.Database.IsSqlite()
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}"
            : "SELECT COUNT(*) AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}";
        return await db.Database.SqlQueryRaw<long>(sql, HistoryRepository.DefaultTableName).SingleAsync(ct).ConfigureAwait(false) > 0;
    }

    /// <summary>The id of the first migration: the schema the release before migrations created.</summary>
    public static string InitialMigration(DbContext db) =>
        db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).First();

    private static async Task RecordInitialMigrationAsync(DbContext db, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct).ConfigureAwait(false);
        var row = new HistoryRow(InitialMigration(db), ProductInfo.GetVersion());
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(row), ct).ConfigureAwait(false);
    }
}
