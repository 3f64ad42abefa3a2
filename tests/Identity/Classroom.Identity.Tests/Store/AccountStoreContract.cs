using Classroom.Identity.Store;
using Classroom.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Classroom.Identity.Tests.Store;

/// <summary>
/// What the account store does on every provider, migrated the way the server migrates it
/// (<see cref="AccountStore.MigrateAsync"/>): a person reads back with their grants, a user name
/// is taken once, deleting a person deletes their grants, a stale concurrency stamp is refused,
/// and a store made by the release before migrations keeps its people and ends with the migrated schema.
/// </summary>
public abstract class AccountStoreContract(string provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider, "identity");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void The_migrations_cover_the_model()
    {
        // A model change without scripts/add-migration.sh fails here (and the server would refuse to start).
        using var db = NewContext();
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration covers: run scripts/add-migration.sh");
    }

    [Fact]
    public async Task A_person_reads_back_with_their_grants()
    {
        var id = await AddPersonAsync("wang", "王老师");
        await using var db = NewContext();
        var person = await db.Users.Include(p => p.Grants).SingleAsync(p => p.Id == id);
        Assert.Equal(("王老师", "WANG", true), (person.DisplayName, person.NormalizedUserName, person.MustChangePassword));
        var grant = Assert.Single(person.Grants);
        Assert.Equal(("Teacher", 2L, (long?)null), (grant.Role, grant.SchoolId!.Value, grant.ClassroomId));
    }

    [Fact]
    public async Task A_user_name_is_taken_once()
    {
        await AddPersonAsync("wang", "王老师");
        await Assert.ThrowsAsync<DbUpdateException>(() => AddPersonAsync("wang", "另一位王老师"));
    }

    [Fact]
    public async Task Deleting_a_person_deletes_their_grants()
    {
        var id = await AddPersonAsync("wang", "王老师");
        await AddPersonAsync("li", "李老师");
        await using var db = NewContext();
        Assert.Equal(1, await db.Users.Where(p => p.Id == id).ExecuteDeleteAsync());
        Assert.Equal(["li"], await db.Grants.Join(db.Users, g => g.PersonId, p => p.Id, (_, p) => p.UserName!).ToListAsync());
    }

    [Fact]
    public async Task A_change_made_on_a_stale_copy_is_refused()
    {
        var id = await AddPersonAsync("wang", "王老师");
        await using var first = NewContext();
        await using var second = NewContext();
        var mine = await first.Users.SingleAsync(p => p.Id == id);
        var theirs = await second.Users.SingleAsync(p => p.Id == id);
        mine.DisplayName = "王老师（音乐）";
        mine.ConcurrencyStamp = Guid.NewGuid().ToString();
        await first.SaveChangesAsync();

        theirs.Disabled = true;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var read = NewContext();
        Assert.False((await read.Users.SingleAsync(p => p.Id == id)).Disabled);
    }

    [Fact]
    public async Task A_store_made_by_the_release_before_migrations_keeps_its_people_and_ends_with_the_migrated_schema()
    {
        await using (var old = NewContext())
        {
            await old.GetService<IRelationalDatabaseCreator>().CreateAsync();
            await old.Database.ExecuteSqlRawAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Store", "TestData", $"identity-before-migrations.{provider}.sql")));
            Assert.True(await StoreBaseline.IsPreviousReleaseAsync(old, CancellationToken.None));
        }

        await using (var db = NewContext())
        {
            await AccountStore.MigrateAsync(db, CancellationToken.None);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Contains(StoreBaseline.InitialMigration(db), await db.Database.GetAppliedMigrationsAsync());
            var person = await db.Users.Include(p => p.Grants).SingleAsync();
            Assert.Equal(("wang", "王老师"), (person.UserName, person.DisplayName));
            Assert.Equal(7L, Assert.Single(person.Grants).TeacherId);
        }

        // The store takes new people again (its sequences continue after the old rows).
        await AddPersonAsync("li", "李老师");
        await using var upgraded = NewContext();
        Assert.Equal(2, await upgraded.Users.CountAsync());

        await using var fresh = await TestDatabase.CreateAsync(provider, "identity_fresh");
        await using var made = NewContext(fresh.ConnectionString);
        await AccountStore.MigrateAsync(made, CancellationToken.None);
        Assert.Equal(await StoreSchema.ColumnsAsync(made.Database.GetDbConnection()), await StoreSchema.ColumnsAsync(upgraded.Database.GetDbConnection()));
    }

    /// <summary>
    /// Two admins remove the county's last two district-admin roles at the same moment (each the other's): both read
    /// "another district admin remains" before either writes. One removal goes through; the other, run again on fresh
    /// reads after PostgreSQL's serialization failure (SQLite runs one writer at a time), sees the first and is refused.
    /// </summary>
    [Fact]
    public async Task Of_two_simultaneous_removals_of_the_last_two_district_admins_one_is_refused_never_both_done()
    {
        var district = Classroom.Contracts.Access.AccountRoleNames.ToWire(Classroom.Contracts.Access.AccountRole.DistrictAdmin);
        var a = await AddPersonAsync("admin-a", "甲", district);
        var b = await AddPersonAsync("admin-b", "乙", district);
        var bothRead = new CountdownEvent(2);
        var attempts = 0;
        async Task<bool> RemoveAsync(long me)
        {
            await using var db = NewContext();
            return await SerializableWork.RunAsync(db, async ct =>
            {
                var first = Interlocked.Increment(ref attempts) <= 2;
                if (!await DistrictAdmins.AnotherEnabledAsync(db, me, ct)) return false;
                // Both transactions have read before either writes (bounded: SQLite's writer lock keeps the second from starting).
                if (first) { bothRead.Signal(); await Task.Run(() => bothRead.Wait(TimeSpan.FromSeconds(3)), ct); }
                await db.Grants.Where(g => g.PersonId == me && g.Role == district).ExecuteDeleteAsync(ct);
                return true;
            }, CancellationToken.None);
        }

        var removed = await Task.WhenAll(Task.Run(() => RemoveAsync(a)), Task.Run(() => RemoveAsync(b)));
        Assert.Equal(1, removed.Count(r => r));
        await using var read = NewContext();
        Assert.Equal(1, await read.Grants.CountAsync(g => g.Role == district));
        if (provider == TestDatabase.Postgres) Assert.True(attempts >= 3, $"the losing transaction ran again ({attempts} attempts)");
    }

    private async Task<long> AddPersonAsync(string userName, string displayName, string role = "Teacher")
    {
        await using var db = NewContext();
        await AccountStore.MigrateAsync(db, CancellationToken.None);
        var person = new Person
        {
            UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = displayName, MustChangePassword = true,
            SecurityStamp = Guid.NewGuid().ToString(), ConcurrencyStamp = Guid.NewGuid().ToString(),
            Grants = [role == "Teacher" ? new PersonGrant { Role = role, AllianceId = 1, SchoolId = 2 } : new PersonGrant { Role = role }],
        };
        db.Users.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }

    private AccountDbContext NewContext(string? connectionString = null)
    {
        var options = new DbContextOptionsBuilder<AccountDbContext>();
        options.UseAccountStore(provider, connectionString ?? _database.ConnectionString);
        return new AccountDbContext(options.Options);
    }
}

public sealed class SqliteAccountStoreTests() : AccountStoreContract(TestDatabase.Sqlite);

public sealed class PostgresAccountStoreTests() : AccountStoreContract(TestDatabase.Postgres);
