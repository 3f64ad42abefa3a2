using Classroom.Contracts.Lessons;
using Classroom.Contracts.Recordings;
using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler.Recordings;

/// <summary>
/// The scheduler's recording rules (docs/scheduler.md "Recording"): a lesson is recorded unless
/// its lead lesson has recording turned off; a room on stage is recorded only when its school
/// consents; recordings are kept the alliance's retention days. A singleton for the relay and
/// hub, so each call takes its own store scope.
/// </summary>
public sealed class RecordingPolicy(IServiceScopeFactory scopes, IOptions<SchedulerOptions> options) : IRecordingPolicy
{
    public async Task<RecordingDecision> DecideAsync(string lessonId, CancellationToken cancellationToken)
    {
        // An id that is no lesson of this scheduler is not recorded: nothing could catalogue it.
        if (!LessonOccurrenceId.TryParse(lessonId, out var id)) return new RecordingDecision(false, new HashSet<long>());
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var enabled = await db.LeadLessons.AsNoTracking().Where(l => l.Id == id.LeadLessonId)
            .Select(l => (bool?)l.RecordingEnabled).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (enabled is null) return new RecordingDecision(false, new HashSet<long>());

        var key = id.ToString();
        var consenting = await (from p in db.Pairings.AsNoTracking()
                                where p.LessonId == key
                                join c in db.Classrooms.AsNoTracking() on p.ClassroomId equals c.Id
                                join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                                where s.StageRecordingConsent
                                select c.Id).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        return new RecordingDecision(enabled.Value, consenting.ToHashSet());
    }

    public async Task<int?> RetentionDaysAsync(long allianceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var alliance = await db.Alliances.AsNoTracking().Where(a => a.Id == allianceId)
            .Select(a => new { a.RecordingRetentionDays }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return alliance is null ? null : alliance.RecordingRetentionDays ?? options.Value.RecordingRetentionDays;
    }
}
