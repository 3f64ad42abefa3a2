using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Classroom.Scheduler.Migrations.Sqlite;

/// <summary>The context dotnet-ef builds to add a migration: the store's model on this provider, no database needed.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<SchedulerDbContext>
{
    public SchedulerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SchedulerDbContext>();
        options.UseSchedulerStore(SchedulerStore.Sqlite, "Data Source=design-time.db");
        return new SchedulerDbContext(options.Options);
    }
}
