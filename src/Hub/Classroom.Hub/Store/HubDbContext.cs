using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Store;

/// <summary>
/// The hub's durable records. Times are Unix milliseconds (long) so ordering and comparisons
/// translate on every provider (SQLite cannot order by DateTimeOffset); no provider-specific SQL.
/// </summary>
public sealed class HubDbContext(DbContextOptions<HubDbContext> options) : DbContext(options)
{
    /// <summary>Ids the writer looked up for this batch and did not find: inserting them needs no second query.</summary>
    internal HashSet<Guid> KnownAbsent { get; } = [];

    public DbSet<CheckInRecord> CheckIns => Set<CheckInRecord>();
    public DbSet<AbsenteeRecord> Absentees => Set<AbsenteeRecord>();
    public DbSet<QuestionRecord> Questions => Set<QuestionRecord>();
    public DbSet<QuestionVoteRecord> QuestionVotes => Set<QuestionVoteRecord>();
    public DbSet<HandRecord> Hands => Set<HandRecord>();
    public DbSet<StageCallRecord> StageCalls => Set<StageCallRecord>();
    public DbSet<QuizRecord> Quizzes => Set<QuizRecord>();
    public DbSet<QuizAnswerRecord> QuizAnswers => Set<QuizAnswerRecord>();
    public DbSet<PresenceInterval> Presence => Set<PresenceInterval>();
    public DbSet<LessonRoomSnapshot> LessonRooms => Set<LessonRoomSnapshot>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<CheckInRecord>(e => { e.HasIndex(r => new { r.LessonId, r.ClassroomId }); e.Property(r => r.LessonId).HasMaxLength(64); });
        modelBuilder.Entity<AbsenteeRecord>(e => { e.HasIndex(r => new { r.LessonId, r.ClassroomId }); e.Property(r => r.StudentName).HasMaxLength(64); });
        modelBuilder.Entity<QuestionRecord>(e => { e.HasIndex(r => r.LessonId); e.Property(r => r.Text).HasMaxLength(1000); });
        modelBuilder.Entity<QuestionVoteRecord>(e => { e.HasIndex(r => new { r.LessonId, r.QuestionId }); });
        modelBuilder.Entity<HandRecord>(e => e.HasIndex(r => r.LessonId));
        modelBuilder.Entity<StageCallRecord>(e => e.HasIndex(r => r.LessonId));
        modelBuilder.Entity<QuizRecord>(e => e.HasIndex(r => r.LessonId));
        modelBuilder.Entity<QuizAnswerRecord>(e => e.HasIndex(r => new { r.LessonId, r.QuizId }));
        modelBuilder.Entity<PresenceInterval>(e => { e.HasIndex(r => new { r.LessonId, r.Subject }); e.HasIndex(r => r.EndedAtMs); });
        modelBuilder.Entity<LessonRoomSnapshot>(e => { e.HasKey(r => new { r.LessonId, r.ClassroomId }); e.HasIndex(r => new { r.AllianceId, r.StartsAtMs }); });
    }
}
