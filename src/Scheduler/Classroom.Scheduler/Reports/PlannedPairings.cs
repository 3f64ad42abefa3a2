using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Reports;

/// <summary>One stored (lesson occurrence, room) pairing with the names a report shows.</summary>
public sealed record PlannedPairing(
    string LessonId, DateOnly Date, long StartUtcTicks, long EndUtcTicks, long AllianceId, string Subject, int Grade,
    string LeadSchool, string Teacher, long SchoolId, string School, long ClassroomId, string Classroom, int Expected)
{
    public DateTimeOffset StartsAt => new(StartUtcTicks, TimeSpan.Zero);

    public DateTimeOffset EndsAt => new(EndUtcTicks, TimeSpan.Zero);
}

/// <summary>The plan the reports compare with what ran: the stored pairings of a date range, one row per (lesson, room).</summary>
public static class PlannedPairings
{
    /// <param name="allianceId">One alliance, or null for every alliance of the county.</param>
    public static async Task<List<PlannedPairing>> LoadAsync(SchedulerDbContext db, long? allianceId, DateOnly first, DateOnly last, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var planned = await (from p in db.Pairings.AsNoTracking()
                             where p.Date >= first && p.Date <= last && (allianceId == null || p.AllianceId == allianceId)
                             join l in db.LeadLessons.AsNoTracking() on p.LeadLessonId equals l.Id
                             join lead in db.Schools.AsNoTracking() on l.SchoolId equals lead.Id
                             join t in db.Teachers.AsNoTracking() on l.TeacherId equals t.Id
                             join c in db.Classrooms.AsNoTracking() on p.ClassroomId equals c.Id
                             join s in db.Schools.AsNoTracking() on p.SchoolId equals s.Id
                             select new PlannedPairing(p.LessonId, p.Date, p.StartUtcTicks, p.EndUtcTicks, p.AllianceId, l.Subject, l.Grade,
                                 lead.Name, t.Name, p.SchoolId, s.Name, p.ClassroomId, c.ClassName, c.Roster.Count)).ToListAsync(ct).ConfigureAwait(false);
        return [.. planned.DistinctBy(p => (p.LessonId, p.ClassroomId))];
    }
}
