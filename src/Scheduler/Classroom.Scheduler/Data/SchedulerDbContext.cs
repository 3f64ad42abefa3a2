using Classroom.Contracts.Privacy;
using Classroom.Scheduler.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Scheduler.Data;

/// <summary>
/// The scheduler's store. Provider-neutral model (SQLite by default, PostgreSQL later): no raw
/// SQL, times as DateOnly/TimeOnly or UTC ticks so ordering works on every provider. Student names
/// are encrypted by a value converter (<see cref="PersonalDataModel"/>); with random nonces they
/// never compare equal in SQL, so nothing queries by name (roster entries match by student id).
/// </summary>
public sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<Alliance> Alliances => Set<Alliance>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<ClassroomRoom> Classrooms => Set<ClassroomRoom>();
    public DbSet<Studio> Studios => Set<Studio>();
    public DbSet<Teacher> Teachers => Set<Teacher>();
    public DbSet<BellSchedule> BellSchedules => Set<BellSchedule>();
    public DbSet<BellPeriod> BellPeriods => Set<BellPeriod>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<TermDay> TermDays => Set<TermDay>();
    public DbSet<LeadLesson> LeadLessons => Set<LeadLesson>();
    public DbSet<MemberDemand> Demands => Set<MemberDemand>();
    public DbSet<DemandPeriod> DemandPeriods => Set<DemandPeriod>();
    public DbSet<RosterEntry> Roster => Set<RosterEntry>();
    public DbSet<StoredPairing> Pairings => Set<StoredPairing>();
    public DbSet<SolveRun> SolveRuns => Set<SolveRun>();
    public DbSet<SolveJob> SolveJobs => Set<SolveJob>();
    public DbSet<District> Districts => Set<District>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Alliance>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.TimeZone).HasMaxLength(64);
            e.Property(x => x.LessonSource).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.LessonSourceAlliances).HasMaxLength(2000);
            e.HasMany(x => x.Schools).WithOne().HasForeignKey(x => x.AllianceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Terms).WithOne().HasForeignKey(x => x.AllianceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.LeadLessons).WithOne().HasForeignKey(x => x.AllianceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<School>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Code).HasMaxLength(64);
            e.HasIndex(x => new { x.AllianceId, x.Code }).IsUnique();
            e.HasMany(x => x.Classrooms).WithOne(x => x.School).HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Studios).WithOne().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Teachers).WithOne().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.BellSchedules).WithOne().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ClassroomRoom>(e =>
        {
            e.ToTable("Classrooms");
            e.Property(x => x.ClassName).HasMaxLength(100);
            e.Property(x => x.KioskKeyHash).HasMaxLength(64);
            e.Property(x => x.FeedKeyHash).HasMaxLength(64);
            e.Property(x => x.MixedGrades).HasMaxLength(40);
            e.Ignore(x => x.Grades);
            e.HasIndex(x => new { x.SchoolId, x.ClassName }).IsUnique();
            e.HasMany(x => x.Roster).WithOne().HasForeignKey(x => x.ClassroomId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Demands).WithOne(x => x.Classroom).HasForeignKey(x => x.ClassroomId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Studio>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.StreamKeyHash).HasMaxLength(64);
            e.HasIndex(x => x.StreamKeyHash).IsUnique();
        });
        b.Entity<District>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Name).HasMaxLength(200);
        });
        b.Entity<Teacher>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.FeedKeyHash).HasMaxLength(64);
        });
        b.Entity<BellSchedule>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.SeasonFrom).HasConversion(m => m!.Value.Encoded, v => MonthDay.Decode(v));
            e.Property(x => x.SeasonTo).HasConversion(m => m!.Value.Encoded, v => MonthDay.Decode(v));
            e.HasMany(x => x.Periods).WithOne().HasForeignKey(x => x.BellScheduleId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<BellPeriod>(e => e.Property(x => x.Name).HasMaxLength(50));
        b.Entity<Term>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasMany(x => x.SpecialDays).WithOne().HasForeignKey(x => x.TermId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<TermDay>(e =>
        {
            e.HasIndex(x => new { x.TermId, x.Date }).IsUnique();
            e.Property(x => x.Note).HasMaxLength(200);
        });
        b.Entity<LeadLesson>(e =>
        {
            e.Property(x => x.Subject).HasMaxLength(50);
            e.Property(x => x.PeriodName).HasMaxLength(50);
            e.Property(x => x.BookedRooms).HasMaxLength(2000);
            e.HasIndex(x => new { x.StudioId, x.OneOffDate });
            e.HasOne(x => x.Teacher).WithMany().HasForeignKey(x => x.TeacherId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Studio).WithMany().HasForeignKey(x => x.StudioId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<MemberDemand>(e =>
        {
            e.Property(x => x.Subject).HasMaxLength(50);
            e.HasMany(x => x.Periods).WithOne().HasForeignKey(x => x.MemberDemandId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DemandPeriod>(e => e.Property(x => x.PeriodName).HasMaxLength(50));
        b.Entity<RosterEntry>(e =>
        {
            e.Property(x => x.SchoolStudentId).HasMaxLength(64);
            var name = e.Property(x => x.DisplayName).HasMaxLength(PersonalDataProtector.MaxStoredLength(100));
            if (PersonalDataModel.ProtectorOf(this) is { } protector) name.HasConversion(PersonalDataModel.Converter(protector));
            e.HasIndex(x => new { x.ClassroomId, x.SchoolStudentId }).IsUnique();
            e.HasIndex(x => x.UpdatedUtcTicks);
        });
        b.Entity<StoredPairing>(e =>
        {
            e.Property(x => x.LessonId).HasMaxLength(40);
            e.HasIndex(x => new { x.AllianceId, x.Date });
            e.HasIndex(x => x.LessonId);
            e.HasIndex(x => new { x.ClassroomId, x.Date });
        });
        b.Entity<SolveRun>(e => e.HasIndex(x => new { x.AllianceId, x.From }));
        b.Entity<SolveJob>(e =>
        {
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ErrorCode).HasMaxLength(32);
            e.Property(x => x.ErrorDetail).HasMaxLength(1000);
            e.HasIndex(x => new { x.State, x.Id });
            e.HasIndex(x => new { x.AllianceId, x.From, x.To });
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampRosterWrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampRosterWrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Every roster write (replace, import, demo seed) marks the entry fresh for the retention job.</summary>
    private void StampRosterWrites()
    {
        long? now = null;
        foreach (var entry in ChangeTracker.Entries<RosterEntry>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            now ??= (PersonalDataModel.ApplicationServices(this)?.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcTicks;
            entry.Entity.UpdatedUtcTicks = now.Value;
        }
    }
}
