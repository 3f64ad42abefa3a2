using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Classroom.Identity.Migrations.Sqlite;

/// <summary>The context dotnet-ef builds to add a migration: the store's model on this provider, no database needed.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AccountDbContext>
{
    public AccountDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AccountDbContext>();
        options.UseAccountStore(AccountStore.Sqlite, "Data Source=design-time.db");
        return new AccountDbContext(options.Options);
    }
}
