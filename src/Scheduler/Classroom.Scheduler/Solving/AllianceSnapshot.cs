using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Solving;

/// <summary>Everything of one alliance the solver input is built from, read in one go (no tracking).</summary>
public sealed record AllianceSnapshot(Alliance Alliance, IReadOnlyList<School> Schools, IReadOnlyList<Term> Terms, IReadOnlyList<LeadLesson> LeadLessons)
{
    public static async Task<AllianceSnapshot?> LoadAsync(SchedulerDbContext db, long allianceId, CancellationToken ct)
    {
        var alliance = await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == allianceId, ct);
        if (alliance is null) return null;
        var schools = await db.Schools.AsNoTracking().AsSplitQuery()
            .Where(s => s.AllianceId == allianceId)
            .Include(s => s.Classrooms).ThenInclude(c => c.Demands).ThenInclude(d => d.Periods)
            .Include(s => s.Classrooms).ThenInclude(c => c.Roster)
            .Include(s => s.Studios)
            .Include(s => s.Teachers)
            .Include(s => s.BellSchedules).ThenInclude(b => b.Periods)
            .OrderBy(s => s.Id)
            .ToListAsync(ct);
        var terms = await db.Terms.AsNoTracking().Include(t => t.SpecialDays).Where(t => t.AllianceId == allianceId || t.AllianceId == null).ToListAsync(ct);
        var lessons = await db.LeadLessons.AsNoTracking().Where(l => l.AllianceId == allianceId).OrderBy(l => l.Id).ToListAsync(ct);
        return new AllianceSnapshot(alliance, schools, terms, lessons);
    }

    public School? SchoolOf(long schoolId) => Schools.FirstOrDefault(s => s.Id == schoolId);
}
