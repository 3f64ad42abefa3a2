using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Data;

/// <summary>
/// Which database holds the scheduler's store. SQLite and PostgreSQL differ in their migrations
/// (types, identity columns), so each has its own migrations assembly next to this project
/// (docs/stores.md); the context and its model are the same for both.
/// </summary>
public static class SchedulerStore
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqliteMigrations = "Classroom.Scheduler.Migrations.Sqlite";
    public const string PostgresMigrations = "Classroom.Scheduler.Migrations.Postgres";

    /// <summary>Points the context at the provider's database and the provider's migrations.</summary>
    public static DbContextOptionsBuilder UseSchedulerStore(this DbContextOptionsBuilder db, string provider, string connectionString) =>
        provider == Postgres
            ? db.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations))
            : db.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations));
}
