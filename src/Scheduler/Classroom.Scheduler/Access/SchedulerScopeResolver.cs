using System.Globalization;
using Classroom.Contracts.Access;
using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Access;

/// <summary>The alliance, school (and room or teacher) each scheduler resource belongs to, for the authorization layer.</summary>
public sealed class SchedulerScopeResolver(SchedulerDbContext db) : IResourceScopeResolver
{
    public IReadOnlyCollection<ResourceKind> Kinds { get; } =
    [
        ResourceKind.Alliance, ResourceKind.School, ResourceKind.Classroom, ResourceKind.Teacher, ResourceKind.Studio,
        ResourceKind.BellSchedule, ResourceKind.LeadLesson, ResourceKind.Demand, ResourceKind.Term, ResourceKind.Lesson,
    ];

    public async ValueTask<ResourceScope?> ResolveAsync(ResourceKind kind, string id, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        if (kind == ResourceKind.Lesson)
            return LessonOccurrenceId.TryParse(id, out var lesson) ? await LeadLessonAsync(lesson.LeadLessonId, ct).ConfigureAwait(false) : null;
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key)) return null;
        return kind switch
        {
            ResourceKind.Alliance => await db.Alliances.AsNoTracking().Where(a => a.Id == key).Select(a => new ResourceScope(a.Id, null, null, null)).FirstOrDefaultAsync(ct).ConfigureAwait(false),
            ResourceKind.Term => await db.Terms.AsNoTracking().Where(t => t.Id == key).Select(t => new ResourceScope(t.AllianceId, null, null, null)).FirstOrDefaultAsync(ct).ConfigureAwait(false),
            ResourceKind.School => await SchoolAsync(key, ct).ConfigureAwait(false),
            ResourceKind.Classroom => await (from c in db.Classrooms.AsNoTracking() where c.Id == key
                                             join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                                             select new ResourceScope(s.AllianceId, s.Id, c.Id, null)).FirstOrDefaultAsync(ct).ConfigureAwait(false),
            ResourceKind.Teacher => await (from t in db.Teachers.AsNoTracking() where t.Id == key
                                           join s in db.Schools.AsNoTracking() on t.SchoolId equals s.Id
                                           select new ResourceScope(s.AllianceId, s.Id, null, t.Id)).FirstOrDefaultAsync(ct).ConfigureAwait(false),
            ResourceKind.Studio => await (db.Studios.AsNoTracking().Where(x => x.Id == key).Select(x => (long?)x.SchoolId).FirstOrDefaultAsync(ct).ConfigureAwait(false)) is { } s1 ? await SchoolAsync(s1, ct).ConfigureAwait(false) : null,
            ResourceKind.BellSchedule => await (db.BellSchedules.AsNoTracking().Where(x => x.Id == key).Select(x => (long?)x.SchoolId).FirstOrDefaultAsync(ct).ConfigureAwait(false)) is { } s2 ? await SchoolAsync(s2, ct).ConfigureAwait(false) : null,
            ResourceKind.Demand => await (db.Demands.AsNoTracking().Where(x => x.Id == key).Select(x => (long?)x.ClassroomId).FirstOrDefaultAsync(ct).ConfigureAwait(false)) is { } c1
                ? await ResolveAsync(ResourceKind.Classroom, c1.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false) : null,
            ResourceKind.LeadLesson => await LeadLessonAsync(key, ct).ConfigureAwait(false),
            _ => null,
        };
    }

    private Task<ResourceScope?> SchoolAsync(long id, CancellationToken ct) =>
        db.Schools.AsNoTracking().Where(s => s.Id == id).Select(s => new ResourceScope(s.AllianceId, s.Id, null, null)).FirstOrDefaultAsync(ct)!;

    /// <summary>A lead lesson (and each of its occurrences) belongs to its alliance, the lead school and its teacher.</summary>
    private Task<ResourceScope?> LeadLessonAsync(long id, CancellationToken ct) =>
        db.LeadLessons.AsNoTracking().Where(l => l.Id == id).Select(l => new ResourceScope(l.AllianceId, l.SchoolId, null, l.TeacherId)).FirstOrDefaultAsync(ct)!;
}
