using System.Security.Cryptography;
using Classroom.Contracts.Access;
using Classroom.Hub.Recordings;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Tests.Recordings;

/// <summary>
/// The recordings catalog's queries on every provider (SQLite file, real PostgreSQL): "my
/// recordings" per role, the teacher's replay questions, and deletion leaving a tombstone.
/// </summary>
public abstract class RecordingStoreContract(string provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private IDbContextFactory<HubDbContext> _contexts = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, "hub_recordings");
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubStore(provider, _database.ConnectionString);
        _contexts = new PooledDbContextFactory<HubDbContext>(options.Options);
        await new HubStoreInitializer(_contexts, NullLogger<HubStoreInitializer>.Instance).StartAsync(CancellationToken.None);
        await using var db = await _contexts.CreateDbContextAsync();
        // rec-1: lesson of teacher 10 at lead school 1, classes 101 (school 2) and 201 (school 3); rec-2: teacher 20, class 301 (school 4).
        db.Recordings.AddRange(Recording("rec-1", 10, 1_000), Recording("rec-2", 20, 2_000));
        db.RecordingRooms.AddRange(Room("rec-1", 101, 2), Room("rec-1", 201, 3), Room("rec-2", 301, 4));
        db.ReplayQuestions.AddRange(
            new ReplayQuestionRecord { Id = Guid.NewGuid(), RecordingId = "rec-1", LessonId = "L1", ClassroomId = 101, SchoolId = 2, Author = "person:1", Text = "一", MediaTimeMs = 5, AskedAtMs = 1 },
            new ReplayQuestionRecord { Id = Guid.NewGuid(), RecordingId = "rec-1", LessonId = "L1", ClassroomId = 201, SchoolId = 3, Author = "person:2", Text = "二", MediaTimeMs = 6, AskedAtMs = 2, Answer = "答", AnsweredAtMs = 3 },
            new ReplayQuestionRecord { Id = Guid.NewGuid(), RecordingId = "rec-2", LessonId = "L2", ClassroomId = 301, SchoolId = 4, Author = "person:3", Text = "三", MediaTimeMs = 7, AskedAtMs = 3 });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("student of class 201", AccountRole.Student, 1L, 3L, 201L, null, "rec-1")]
    [InlineData("student of class 999", AccountRole.Student, 1L, 3L, 999L, null, "")]
    [InlineData("teacher 20", AccountRole.Teacher, 1L, 9L, null, 20L, "rec-2")]
    [InlineData("teacher at school 4", AccountRole.Teacher, 1L, 4L, null, 99L, "rec-2")]
    [InlineData("admin of paired school 2", AccountRole.SchoolAdmin, 1L, 2L, null, null, "rec-1")]
    [InlineData("admin of lead school 1", AccountRole.SchoolAdmin, 1L, 1L, null, null, "rec-2,rec-1")]
    [InlineData("alliance 2 admin", AccountRole.AllianceAdmin, 2L, null, null, null, "")]
    [InlineData("device of class 101", AccountRole.Device, 1L, 2L, 101L, null, "")]
    public async Task My_recordings_are_those_the_callers_grant_may_watch(string who, AccountRole role, long alliance, long? school, long? classroom, long? teacher, string expected)
    {
        var mine = await Queries().MineAsync([new Grant(role, alliance, school, classroom, teacher)], default);
        Assert.True(expected == string.Join(',', mine.Select(r => r.Id)), $"{who}: {string.Join(',', mine.Select(r => r.Id))}");
    }

    [Fact]
    public async Task A_teacher_sees_the_unanswered_replay_questions_of_their_lessons()
    {
        var store = new ReplayStore(_contexts, TimeProvider.System);
        Assert.Equal(["一"], (await store.OfTeachersAsync([10], true, default)).Select(q => q.Text));
        Assert.Equal(["一", "二"], (await store.OfTeachersAsync([10], false, default)).Select(q => q.Text));
        Assert.Empty(await store.OfTeachersAsync([30], false, default));
    }

    [Fact]
    public async Task A_deleted_recording_keeps_a_tombstone_and_loses_its_rooms_and_questions()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("classroom-rec-").FullName;
        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(folder, "recordings", "rec-1", "run-1"));
            await File.WriteAllTextAsync(Path.Combine(folder, "recordings", "rec-1", "camera.m3u8"), "#EXTM3U\n");
            Assert.True(await new RecordingDeleter(_contexts, new RecordingFiles(folder), TimeProvider.System).DeleteAsync("rec-1", default));
            Assert.False(System.IO.Directory.Exists(Path.Combine(folder, "recordings", "rec-1")));
            await using var db = await _contexts.CreateDbContextAsync();
            Assert.Equal(RecordingStates.Deleted, (await db.Recordings.SingleAsync(r => r.Id == "rec-1")).State);
            Assert.Equal(0, await db.RecordingRooms.CountAsync(r => r.RecordingId == "rec-1") + await db.ReplayQuestions.CountAsync(q => q.RecordingId == "rec-1"));
            Assert.Null(await Queries().FindAsync("rec-1", default));
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private RecordingQueries Queries() =>
        new(_contexts, new ReplayUrlSigner(RandomNumberGenerator.GetBytes(32)), TimeProvider.System, Options.Create(new LessonHubOptions()));

    private static RecordingRecord Recording(string id, long teacher, long startedAt) => new()
    {
        Id = id, LessonId = id == "rec-1" ? "L1" : "L2", RosterKnown = true, AllianceId = 1, LeadSchoolId = 1, TeacherId = teacher,
        State = RecordingStates.Finished, StartedAtMs = startedAt, EndedAtMs = startedAt + 60_000, DurationMs = 60_000,
    };

    private static RecordingRoomRecord Room(string recording, long classroom, long school) =>
        new() { RecordingId = recording, ClassroomId = classroom, SchoolId = school, ClassroomName = "班" + classroom, SchoolName = "校" + school };
}

public sealed class SqliteRecordingStoreTests() : RecordingStoreContract(TestDatabase.Sqlite);

public sealed class PostgresRecordingStoreTests() : RecordingStoreContract(TestDatabase.Postgres);
