using Classroom.Contracts.Privacy;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Classroom.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.Scheduler.Tests.Store;

/// <summary>
/// What the scheduler's store does on every provider, through the migrations the server runs at
/// start: rows read back as written, unique keys hold, deletes cascade the way the API relies on
/// (it deletes with one statement, so the database does the cascading), and a store made by the
/// release before migrations keeps its rows and ends with the migrated schema.
/// </summary>
public abstract class SchedulerStoreContract(string provider) : IAsyncLifetime
{
    private static readonly PersonalDataProtector Protector = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider, "scheduler");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void The_migrations_cover_the_model()
    {
        // A model change without scripts/add-migration.sh fails here (and the server would refuse to start).
        using var db = NewContext();
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration covers: run scripts/add-migration.sh");
    }

    [Fact]
    public async Task An_alliance_with_its_schools_rooms_and_term_reads_back_as_written()
    {
        var id = await SeedAsync();
        await using var db = await MigratedAsync();
        var alliance = await db.Alliances.Include(a => a.Schools).ThenInclude(s => s.Classrooms).ThenInclude(c => c.Roster)
            .Include(a => a.Terms).ThenInclude(t => t.SpecialDays).AsSplitQuery().SingleAsync(a => a.Id == id);
        Assert.Equal("城关教学联盟", alliance.Name);
        var school = Assert.Single(alliance.Schools);
        Assert.Equal(("CG01", true, 100.5), (school.Code, school.IsLead, school.LinkMbps));
        var room = Assert.Single(school.Classrooms);
        Assert.Equal((3, "三年级1班", 42), (room.Grade, room.ClassName, room.Seats));
        Assert.Equal("张小明", Protector.Unprotect(Assert.Single(room.Roster).DisplayName));
        var term = Assert.Single(alliance.Terms);
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 20)), (term.FirstDay, term.LastDay));
        var day = Assert.Single(term.SpecialDays);
        Assert.Equal((new DateOnly(2026, 10, 11), TermDayKind.MakeUp, DayOfWeek.Friday), (day.Date, day.Kind, day.FollowsWeekday));
    }

    [Fact]
    public async Task A_changed_room_is_stored_changed()
    {
        var id = await SeedAsync();
        await using (var db = await MigratedAsync())
        {
            var room = await db.Classrooms.SingleAsync(c => c.School!.AllianceId == id);
            room.Seats = 38;
            room.ClassName = "三年级2班";
            await db.SaveChangesAsync();
        }

        await using var again = NewContext();
        var stored = await again.Classrooms.AsNoTracking().SingleAsync(c => c.School!.AllianceId == id);
        Assert.Equal((38, "三年级2班"), (stored.Seats, stored.ClassName));
    }

    [Fact]
    public async Task A_second_school_with_the_same_code_is_refused_in_one_alliance_and_taken_in_another()
    {
        var id = await SeedAsync();
        await using var db = await MigratedAsync();
        db.Schools.Add(new School { AllianceId = id, Name = "另一所", Code = "CG01" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        var other = new Alliance { Name = "河口联盟", Schools = [new School { Name = "河口小学", Code = "CG01" }] };
        db.Alliances.Add(other);
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.Schools.CountAsync(s => s.Code == "CG01"));
    }

    [Fact]
    public async Task A_room_keeps_one_roster_entry_per_student_id()
    {
        var id = await SeedAsync();
        await using var db = await MigratedAsync();
        var room = await db.Classrooms.SingleAsync(c => c.School!.AllianceId == id);
        db.Roster.Add(new RosterEntry { ClassroomId = room.Id, SchoolStudentId = "S001", DisplayName = Protector.Protect("重名") });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Deleting_an_alliance_with_one_statement_deletes_everything_beneath_it()
    {
        var id = await SeedAsync();
        await using var db = await MigratedAsync();
        Assert.Equal(1, await db.Alliances.Where(a => a.Id == id).ExecuteDeleteAsync());
        Assert.Equal(0, await db.Schools.CountAsync());
        Assert.Equal(0, await db.Classrooms.CountAsync());
        Assert.Equal(0, await db.Roster.CountAsync());
        Assert.Equal(0, await db.Teachers.CountAsync());
        Assert.Equal(0, await db.LeadLessons.CountAsync());
        Assert.Equal(0, await db.TermDays.CountAsync());
    }

    [Fact]
    public async Task A_teacher_who_leads_a_lesson_cannot_be_deleted_until_the_lesson_is()
    {
        var id = await SeedAsync();
        await using var db = await MigratedAsync();
        var teacher = await db.Teachers.SingleAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Teachers.Where(t => t.Id == teacher.Id).ExecuteDeleteAsync());
        await db.LeadLessons.Where(l => l.AllianceId == id).ExecuteDeleteAsync();
        Assert.Equal(1, await db.Teachers.Where(t => t.Id == teacher.Id).ExecuteDeleteAsync());
    }

    [Fact]
    public async Task Starting_again_on_a_migrated_store_changes_nothing()
    {
        var id = await SeedAsync();
        await using var db = await MigratedAsync();
        var before = await StoreSchema.ColumnsAsync(db.Database.GetDbConnection());
        await SchedulerStoreMigrator.MigrateAsync(db, Protector, _clock, NullLogger.Instance, CancellationToken.None);
        Assert.Equal(before, await StoreSchema.ColumnsAsync(db.Database.GetDbConnection()));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(1, await db.Alliances.CountAsync(a => a.Id == id));
    }

    [Fact]
    public async Task A_store_made_by_the_release_before_migrations_keeps_its_rows_and_ends_with_the_migrated_schema()
    {
        await using (var old = NewContext())
        {
            await old.GetService<IRelationalDatabaseCreator>().CreateAsync();
            await old.Database.ExecuteSqlRawAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Store", "TestData", $"scheduler-before-migrations.{provider}.sql")));
            Assert.True(await StoreBaseline.IsPreviousReleaseAsync(old, CancellationToken.None));
        }

        await using var db = await MigratedAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains(StoreBaseline.InitialMigration(db), await db.Database.GetAppliedMigrationsAsync());
        var alliance = await db.Alliances.Include(a => a.Schools).ThenInclude(s => s.Classrooms).ThenInclude(c => c.Roster)
            .Include(a => a.Terms).ThenInclude(t => t.SpecialDays).AsSplitQuery().SingleAsync();
        Assert.Equal("城关教学联盟", alliance.Name);
        var room = Assert.Single(Assert.Single(alliance.Schools).Classrooms);
        Assert.Equal("三年级1班", room.ClassName);
        var stored = Assert.Single(room.Roster).DisplayName;
        Assert.Equal("张小明", Protector.Unprotect(stored));
        // That release's SQLite upgrade steps ran first: the name it held in clear is encrypted now.
        Assert.Equal(provider == TestDatabase.Sqlite, PersonalDataProtector.IsProtected(stored));
        Assert.Equal(new DateOnly(2026, 10, 1), Assert.Single(Assert.Single(alliance.Terms).SpecialDays).Date);

        // The store takes new rows again (its sequences continue after the old rows).
        db.Alliances.Add(new Alliance { Name = "河口联盟" });
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.Alliances.CountAsync());

        var upgraded = await StoreSchema.ColumnsAsync(db.Database.GetDbConnection());
        var fresh = await TestDatabase.CreateAsync(provider, "scheduler_fresh");
        await using (fresh)
        {
            await using var made = NewContext(fresh.ConnectionString);
            await SchedulerStoreMigrator.MigrateAsync(made, Protector, _clock, NullLogger.Instance, CancellationToken.None);
            Assert.Equal(await StoreSchema.ColumnsAsync(made.Database.GetDbConnection()), upgraded);
        }
    }

    /// <summary>One alliance: a lead school with a room (one roster entry), a studio, a teacher leading a lesson, a term with a 调休 day.</summary>
    private async Task<long> SeedAsync()
    {
        await using var db = await MigratedAsync();
        var teacher = new Teacher { Name = "王老师", FeedKeyHash = "t-hash" };
        var studio = new Studio { Name = "录播室" };
        var school = new School
        {
            Name = "城关中心小学", Code = "CG01", IsLead = true, LinkMbps = 100.5,
            Classrooms = [new ClassroomRoom { Grade = 3, ClassName = "三年级1班", Seats = 42, KioskKeyHash = "k-hash", FeedKeyHash = "f-hash",
                Roster = [new RosterEntry { SchoolStudentId = "S001", DisplayName = Protector.Protect("张小明") }] }],
            Teachers = [teacher],
            Studios = [studio],
        };
        var alliance = new Alliance
        {
            Name = "城关教学联盟",
            Schools = [school],
            Terms = [new Term { Name = "2026秋季学期", FirstDay = new DateOnly(2026, 9, 1), LastDay = new DateOnly(2027, 1, 20),
                SpecialDays = [new TermDay { Date = new DateOnly(2026, 10, 11), Kind = TermDayKind.MakeUp, FollowsWeekday = DayOfWeek.Friday }] }],
        };
        db.Alliances.Add(alliance);
        await db.SaveChangesAsync();
        db.LeadLessons.Add(new LeadLesson { AllianceId = alliance.Id, SchoolId = school.Id, Subject = "音乐", Grade = 3, TeacherId = teacher.Id,
            StudioId = studio.Id, Weekday = DayOfWeek.Monday, PeriodName = "第3节" });
        await db.SaveChangesAsync();
        return alliance.Id;
    }

    private async Task<SchedulerDbContext> MigratedAsync()
    {
        var db = NewContext();
        await SchedulerStoreMigrator.MigrateAsync(db, Protector, _clock, NullLogger.Instance, CancellationToken.None);
        return db;
    }

    private SchedulerDbContext NewContext(string? connectionString = null)
    {
        var options = new DbContextOptionsBuilder<SchedulerDbContext>();
        options.UseSchedulerStore(provider, connectionString ?? _database.ConnectionString);
        return new SchedulerDbContext(options.Options);
    }
}

public sealed class SqliteSchedulerStoreTests() : SchedulerStoreContract(TestDatabase.Sqlite);

public sealed class PostgresSchedulerStoreTests() : SchedulerStoreContract(TestDatabase.Postgres);
