using Classroom.Contracts.Privacy;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Store;

/// <summary>
/// The hub's durable records. Times are Unix milliseconds (long) so ordering and comparisons
/// translate on every provider (SQLite cannot order by DateTimeOffset); no provider-specific SQL.
/// Student names are encrypted (random nonce per value, <see cref="PersonalDataModel"/>), so equal
/// names never compare equal in SQL: readers group absentees by name in memory after loading a
/// lesson's rows, and erasure matches names in memory within one school. A keyed-hash column
/// would allow SQL equality but tell anyone holding the file which rows name the same child.
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
    public DbSet<RecordingRecord> Recordings => Set<RecordingRecord>();
    public DbSet<RecordingRoomRecord> RecordingRooms => Set<RecordingRoomRecord>();
    public DbSet<RecordingViewRecord> RecordingViews => Set<RecordingViewRecord>();
    public DbSet<ReplayQuestionRecord> ReplayQuestions => Set<ReplayQuestionRecord>();

    public DbSet<EvaluationSheetRecord> EvaluationSheets => Set<EvaluationSheetRecord>();

    public DbSet<EvaluationCommentRecord> EvaluationComments => Set<EvaluationCommentRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<CheckInRecord>(e => { e.HasIndex(r => new { r.LessonId, r.ClassroomId }); e.Property(r => r.LessonId).HasMaxLength(64); });
        modelBuilder.Entity<AbsenteeRecord>(e =>
        {
            e.HasIndex(r => new { r.LessonId, r.ClassroomId });
            e.HasIndex(r => r.ReceivedAtMs);
            var name = e.Property(r => r.StudentName).HasMaxLength(PersonalDataProtector.MaxStoredLength(64));
            if (PersonalDataModel.ProtectorOf(this) is { } protector) name.HasConversion(PersonalDataModel.StudentName(protector));
        });
        modelBuilder.Entity<QuestionRecord>(e => { e.HasIndex(r => r.LessonId); e.Property(r => r.Text).HasMaxLength(1000); });
        modelBuilder.Entity<QuestionVoteRecord>(e => { e.HasIndex(r => new { r.LessonId, r.QuestionId }); });
        modelBuilder.Entity<HandRecord>(e => e.HasIndex(r => r.LessonId));
        modelBuilder.Entity<StageCallRecord>(e => e.HasIndex(r => r.LessonId));
        modelBuilder.Entity<QuizRecord>(e => e.HasIndex(r => r.LessonId));
        modelBuilder.Entity<QuizAnswerRecord>(e => e.HasIndex(r => new { r.LessonId, r.QuizId }));
        modelBuilder.Entity<PresenceInterval>(e => { e.HasIndex(r => new { r.LessonId, r.Subject }); e.HasIndex(r => r.EndedAtMs); });
        modelBuilder.Entity<LessonRoomSnapshot>(e => { e.HasKey(r => new { r.LessonId, r.ClassroomId }); e.HasIndex(r => new { r.AllianceId, r.StartsAtMs }); });
        OnRecordingsCreating(modelBuilder);
    }

    /// <summary>The recordings catalog (docs/replay.md).</summary>
    private void OnRecordingsCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RecordingRecord>(e =>
        {
            e.Property(r => r.Id).HasMaxLength(64);
            e.Property(r => r.LessonId).HasMaxLength(64);
            e.Property(r => r.State).HasMaxLength(16);
            e.Property(r => r.Subject).HasMaxLength(100);
            e.Property(r => r.TeacherName).HasMaxLength(100);
            e.Property(r => r.Poster).HasMaxLength(200);
            e.Property(r => r.RenditionsJson).HasMaxLength(8000);
            e.HasIndex(r => r.LessonId);
            e.HasIndex(r => new { r.TeacherId, r.StartedAtMs });
            e.HasIndex(r => new { r.State, r.StartedAtMs });
        });
        modelBuilder.Entity<RecordingRoomRecord>(e =>
        {
            e.HasKey(r => new { r.RecordingId, r.ClassroomId });
            e.Property(r => r.RecordingId).HasMaxLength(64);
            e.Property(r => r.ClassroomName).HasMaxLength(100);
            e.Property(r => r.SchoolName).HasMaxLength(100);
            e.HasIndex(r => r.ClassroomId);
            e.HasIndex(r => r.SchoolId);
        });
        modelBuilder.Entity<RecordingViewRecord>(e =>
        {
            e.HasKey(r => new { r.RecordingId, r.Subject });
            e.Property(r => r.RecordingId).HasMaxLength(64);
            e.Property(r => r.Subject).HasMaxLength(64);
            e.Property(r => r.LessonId).HasMaxLength(64);
            e.HasIndex(r => r.LessonId);
            var name = e.Property(r => r.StudentName).HasMaxLength(PersonalDataProtector.MaxStoredLength(100));
            if (PersonalDataModel.ProtectorOf(this) is { } protector) name.HasConversion(PersonalDataModel.ViewerName(protector));
        });
        modelBuilder.Entity<ReplayQuestionRecord>(e =>
        {
            e.Property(r => r.RecordingId).HasMaxLength(64);
            e.Property(r => r.LessonId).HasMaxLength(64);
            e.Property(r => r.Author).HasMaxLength(64);
            e.Property(r => r.AnsweredBy).HasMaxLength(64);
            e.Property(r => r.Text).HasMaxLength(1000);
            e.Property(r => r.Answer).HasMaxLength(2000);
            e.HasIndex(r => r.RecordingId);
            e.HasIndex(r => r.LessonId);
        });
        modelBuilder.Entity<EvaluationSheetRecord>(e =>
        {
            e.HasKey(r => new { r.RecordingId, r.Evaluator });
            e.Property(r => r.RecordingId).HasMaxLength(64);
            e.Property(r => r.Evaluator).HasMaxLength(64);
            e.Property(r => r.EvaluatorName).HasMaxLength(100);
            e.Property(r => r.LessonId).HasMaxLength(64);
            e.Property(r => r.Scores).HasMaxLength(64);
            e.Property(r => r.Summary).HasMaxLength(2000);
        });
        modelBuilder.Entity<EvaluationCommentRecord>(e =>
        {
            e.Property(r => r.RecordingId).HasMaxLength(64);
            e.Property(r => r.LessonId).HasMaxLength(64);
            e.Property(r => r.Evaluator).HasMaxLength(64);
            e.Property(r => r.EvaluatorName).HasMaxLength(100);
            e.Property(r => r.Text).HasMaxLength(1000);
            e.HasIndex(r => new { r.RecordingId, r.MediaTimeMs });
        });
    }
}
