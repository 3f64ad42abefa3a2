using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Store;

/// <summary>
/// Which database holds the hub's records. SQLite and PostgreSQL differ in their migrations, so
/// each has its own migrations assembly next to this project (docs/stores.md).
/// </summary>
public static class HubStore
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqliteMigrations = "Classroom.Hub.Migrations.Sqlite";
    public const string PostgresMigrations = "Classroom.Hub.Migrations.Postgres";

    /// <summary>Points the context at the provider's database and the provider's migrations.</summary>
    public static DbContextOptionsBuilder UseHubStore(this DbContextOptionsBuilder db, string provider, string connectionString) =>
        provider == Postgres
            ? db.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations))
            : db.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations));
}
