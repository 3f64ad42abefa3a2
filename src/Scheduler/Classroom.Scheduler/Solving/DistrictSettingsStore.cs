using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Solving;

/// <summary>Reads the district's one row (absent until someone saves district settings).</summary>
public static class DistrictSettingsStore
{
    public static Task<District?> FindAsync(SchedulerDbContext db, CancellationToken ct) =>
        db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == District.TheId, ct);
}
