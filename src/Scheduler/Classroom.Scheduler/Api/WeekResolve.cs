using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Solving;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// A solve of the week a one-date lesson falls in, queued when the lesson is booked, added, moved or
/// deleted, so its rooms are paired (or freed) without anyone pressing "重新排课". District-wide when
/// the alliance shares rooms or teachers with another (as a solve of the week view is); a week that
/// has already ended is left as it was taught.
/// </summary>
public static class WeekResolve
{
    /// <summary>Queues (or finds the pending) solve of each week holding one of the dates; the location of the last job, or null when none was due.</summary>
    public static async Task<string?> QueueAsync(SchedulerDbContext db, SolveJobQueue queue, TimeProvider clock, long allianceId, IEnumerable<DateOnly?> dates, CancellationToken ct)
    {
        var alliance = await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == allianceId, ct);
        if (alliance is null) return null;
        var today = AllianceClock.Today(clock, AllianceClock.Zone(alliance.TimeZone));
        var weeks = dates.OfType<DateOnly>().Select(AllianceClock.WeekStart).Where(w => w.AddDays(6) >= today).Distinct().Order().ToList();
        if (weeks.Count == 0) return null;
        var districtWide = (await DistrictPolicy.EntangledWithAsync(db, allianceId, ct)).Count > 0;
        string? location = null;
        foreach (var week in weeks)
        {
            var (job, _) = await queue.EnqueueAsync(allianceId, week, week.AddDays(6), ct, districtWide);
            location = job.DistrictWide ? DistrictEndpoints.JobLocation(job.Id) : SolveJobEndpoints.Location(allianceId, job.Id);
        }

        return location;
    }
}
