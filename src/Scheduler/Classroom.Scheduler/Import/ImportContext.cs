using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Import;

/// <summary>The alliance's schools with everything an import may update, tracked, looked up by natural key.</summary>
public sealed class ImportContext
{
    public required long AllianceId { get; init; }
    public required Dictionary<string, School> SchoolsByCode { get; init; }
    public required List<LeadLesson> LeadLessons { get; init; }
    public required List<Term> Terms { get; init; }

    public static async Task<ImportContext> LoadAsync(SchedulerDbContext db, long allianceId, CancellationToken ct)
    {
        var schools = await db.Schools.AsSplitQuery().Where(s => s.AllianceId == allianceId)
            .Include(s => s.Classrooms).ThenInclude(c => c.Roster)
            .Include(s => s.Classrooms).ThenInclude(c => c.Demands).ThenInclude(d => d.Periods)
            .Include(s => s.BellSchedules).ThenInclude(b => b.Periods)
            .Include(s => s.Teachers).Include(s => s.Studios)
            .ToListAsync(ct);
        var lessons = await db.LeadLessons.Where(l => l.AllianceId == allianceId && l.OneOffDate == null).ToListAsync(ct); // bookings are not the timetable's
        var terms = await db.Terms.Include(t => t.SpecialDays).Where(t => t.AllianceId == allianceId).ToListAsync(ct);
        return new ImportContext
        {
            AllianceId = allianceId,
            SchoolsByCode = schools.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase),
            LeadLessons = lessons,
            Terms = terms,
        };
    }
}
