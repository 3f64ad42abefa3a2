using Classroom.Hub.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Classroom.Hub.Migrations.Postgres;

/// <summary>The context dotnet-ef builds to add a migration: the store's model on this provider, no database needed.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubStore(HubStore.Postgres, "Host=localhost;Database=design_time");
        return new HubDbContext(options.Options);
    }
}
