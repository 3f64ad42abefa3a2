using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Store;

/// <summary>
/// Which database holds the account store. SQLite and PostgreSQL differ in their migrations, so
/// each has its own migrations assembly next to this project (docs/stores.md).
/// </summary>
public static class AccountStore
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqliteMigrations = "Classroom.Identity.Migrations.Sqlite";
    public const string PostgresMigrations = "Classroom.Identity.Migrations.Postgres";

    /// <summary>Points the context at the provider's database and the provider's migrations.</summary>
    public static DbContextOptionsBuilder UseAccountStore(this DbContextOptionsBuilder db, string provider, string connectionString) =>
        provider == Postgres
            ? db.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations))
            : db.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations));

    /// <summary>Migrates the store; one made before migrations is recorded at the initial migration (it had no upgrade steps).</summary>
    public static Task MigrateAsync(AccountDbContext db, CancellationToken ct) =>
        StoreBaseline.MigrateAsync(db, _ => Task.CompletedTask, ct);
}
