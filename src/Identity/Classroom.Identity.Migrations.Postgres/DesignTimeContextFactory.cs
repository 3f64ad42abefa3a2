using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Classroom.Identity.Migrations.Postgres;

/// <summary>The context dotnet-ef builds to add a migration: the store's model on this provider, no database needed.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AccountDbContext>
{
    public AccountDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AccountDbContext>();
        options.UseAccountStore(AccountStore.Postgres, "Host=localhost;Database=design_time");
        return new AccountDbContext(options.Options);
    }
}
