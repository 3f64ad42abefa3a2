using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Classroom.Hub.Tests.Store;

/// <summary>
/// What the hub's record store does on every provider, started the way the server starts it
/// (<see cref="HubStoreInitializer"/>, migrations): records read back as written and in order,
/// a record id is stored once, a restart marks open presence as disconnected, and a store made by
/// the release before migrations keeps its records and ends with the migrated schema.
/// </summary>
public abstract class HubStoreContract(string provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider, "hub");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void The_migrations_cover_the_model()
    {
        // A model change without scripts/add-migration.sh fails here (and the server would refuse to start).
        using var db = NewContext();
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration covers: run scripts/add-migration.sh");
    }

    [Fact]
    public async Task Records_read_back_as_written_in_the_order_they_arrived()
    {
        await StartAsync();
        await using (var db = NewContext())
        {
            db.Absentees.AddRange(
                new AbsenteeRecord { Id = Guid.NewGuid(), LessonId = "L1", ClassroomId = 11, SchoolId = 2, StudentName = "李小红", Absent = true, ReceivedAtMs = 2_000, Author = "teacher:7" },
                new AbsenteeRecord { Id = Guid.NewGuid(), LessonId = "L1", ClassroomId = 11, SchoolId = 2, StudentName = "赵小刚", Absent = false, ReceivedAtMs = 1_000, Author = "kiosk:11" });
            db.LessonRooms.Add(new LessonRoomSnapshot { LessonId = "L1", ClassroomId = 11, ClassroomName = "三年级1班", SchoolId = 2, SchoolName = "柳树湾教学点",
                ExpectedHeadcount = 9, AllianceId = 1, Subject = "音乐", StartsAtMs = 10_000, EndsAtMs = 12_400 });
            await db.SaveChangesAsync();
        }

        await using var read = NewContext();
        var rows = await read.Absentees.Where(a => a.LessonId == "L1").OrderBy(a => a.ReceivedAtMs).ToListAsync();
        Assert.Equal([("赵小刚", false), ("李小红", true)], rows.Select(r => (r.StudentName, r.Absent)));
        var room = await read.LessonRooms.SingleAsync(r => r.AllianceId == 1 && r.StartsAtMs >= 10_000);
        Assert.Equal(("三年级1班", 9, 12_400L), (room.ClassroomName, room.ExpectedHeadcount, room.EndsAtMs));
    }

    [Fact]
    public async Task A_record_id_and_a_lesson_room_are_stored_once()
    {
        await StartAsync();
        var id = Guid.NewGuid();
        await using (var db = NewContext())
        {
            db.Hands.Add(new HandRecord { Id = id, LessonId = "L1" });
            db.LessonRooms.Add(new LessonRoomSnapshot { LessonId = "L1", ClassroomId = 11 });
            await db.SaveChangesAsync();
        }

        await using (var again = NewContext())
        {
            again.Hands.Add(new HandRecord { Id = id, LessonId = "L1" });
            await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());
        }

        await using var room = NewContext();
        room.LessonRooms.Add(new LessonRoomSnapshot { LessonId = "L1", ClassroomId = 11 });
        await Assert.ThrowsAsync<DbUpdateException>(() => room.SaveChangesAsync());
    }

    [Fact]
    public async Task A_restart_marks_open_presence_disconnected_at_its_last_sign_of_life()
    {
        await StartAsync();
        var open = Guid.NewGuid();
        var ended = Guid.NewGuid();
        await using (var db = NewContext())
        {
            db.Presence.AddRange(
                new PresenceInterval { Id = open, LessonId = "L1", Subject = "room:11", Role = "kiosk", ClassroomId = 11, StartedAtMs = 1_000, LastSeenAtMs = 5_000, Connections = 1 },
                new PresenceInterval { Id = ended, LessonId = "L1", Subject = "room:12", Role = "kiosk", StartedAtMs = 1_000, LastSeenAtMs = 3_000, EndedAtMs = 3_000 });
            await db.SaveChangesAsync();
        }

        await StartAsync();
        await using var read = NewContext();
        var suspended = await read.Presence.SingleAsync(p => p.Id == open);
        Assert.Equal((5_000L, 0), (suspended.DisconnectedAtMs, suspended.Connections));
        Assert.Null((await read.Presence.SingleAsync(p => p.Id == ended)).DisconnectedAtMs);
    }

    [Fact]
    public async Task A_store_made_by_the_release_before_migrations_keeps_its_records_and_ends_with_the_migrated_schema()
    {
        await using (var old = NewContext())
        {
            await old.GetService<IRelationalDatabaseCreator>().CreateAsync();
            await old.Database.ExecuteSqlRawAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Store", "TestData", $"hub-before-migrations.{provider}.sql")));
            Assert.True(await StoreBaseline.IsPreviousReleaseAsync(old, CancellationToken.None));
        }

        await StartAsync();
        await using var db = NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains(StoreBaseline.InitialMigration(db), await db.Database.GetAppliedMigrationsAsync());
        var absentee = await db.Absentees.SingleAsync();
        Assert.Equal((new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), "李小红", true), (absentee.Id, absentee.StudentName, absentee.Absent));
        Assert.Equal("柳树湾教学点", (await db.LessonRooms.SingleAsync(r => r.LessonId == "L-2026-10-08-1")).SchoolName);

        var upgraded = await StoreSchema.ColumnsAsync(db.Database.GetDbConnection());
        await using var fresh = await TestDatabase.CreateAsync(provider, "hub_fresh");
        await new HubStoreInitializer(new PooledDbContextFactory<HubDbContext>(Options(fresh.ConnectionString)), NullLogger<HubStoreInitializer>.Instance)
            .StartAsync(CancellationToken.None);
        await using var made = new HubDbContext(Options(fresh.ConnectionString));
        Assert.Equal(await StoreSchema.ColumnsAsync(made.Database.GetDbConnection()), upgraded);
    }

    private Task StartAsync() =>
        new HubStoreInitializer(new PooledDbContextFactory<HubDbContext>(Options(_database.ConnectionString)), NullLogger<HubStoreInitializer>.Instance)
            .StartAsync(CancellationToken.None);

    private HubDbContext NewContext() => new(Options(_database.ConnectionString));

    private DbContextOptions<HubDbContext> Options(string connectionString)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubStore(provider, connectionString);
        return options.Options;
    }
}

public sealed class SqliteHubStoreTests() : HubStoreContract(TestDatabase.Sqlite);

public sealed class PostgresHubStoreTests() : HubStoreContract(TestDatabase.Postgres);
