using System.Text.Json;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Pairing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler.Solving;

/// <summary>
/// Solves an alliance's week and stores the result. Previous pairings (the week's own, when it
/// was solved before, else last week's) are passed to the solver so a re-solve keeps them unless
/// a change is needed. Storing replaces the week's pairings in one transaction.
/// </summary>
public sealed class SchedulingService(
    SchedulerDbContext db,
    IPairingSolver solver,
    IOptions<SchedulerOptions> options,
    TimeProvider clock,
    ILogger<SchedulingService> logger)
{
    public async Task<WeekSolveResult?> SolveAsync(long allianceId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var snapshot = await AllianceSnapshot.LoadAsync(db, allianceId, ct);
        if (snapshot is null) return null;

        var previous = await PreviousPairingsAsync(allianceId, from, to, ct);
        var o = options.Value;
        var settings = new PairingSettings(o.MinOverlapShare, o.RelayCapacityPerLesson, TimeSpan.FromSeconds(o.SolveTimeLimitSeconds));
        var built = ProblemBuilder.Build(snapshot, from, to, previous, settings);
        var result = solver.Solve(built.Problem, ct);

        var slots = built.Problem.Lessons.ToDictionary(l => l.LessonId);
        var run = new SolveRun
        {
            AllianceId = allianceId,
            From = from,
            To = to,
            CreatedUtcTicks = clock.GetUtcNow().UtcTicks,
            Demanded = result.Stats.Demanded,
            Covered = result.Stats.Covered,
            UpperBound = result.Stats.UpperBound,
            Moved = result.Stats.Moved,
            ElapsedMs = result.Stats.Elapsed.TotalMilliseconds,
            SolverStatus = result.Stats.SolverStatus,
            UncoveredJson = JsonSerializer.Serialize(result.Uncovered),
        };

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Pairings.Where(p => p.AllianceId == allianceId && p.Date >= from && p.Date <= to).ExecuteDeleteAsync(ct);
            db.SolveRuns.Add(run);
            await db.SaveChangesAsync(ct);
            foreach (var p in result.Pairings)
            {
                var slot = slots[p.LessonId];
                db.Pairings.Add(new StoredPairing
                {
                    AllianceId = allianceId,
                    SolveRunId = run.Id,
                    LessonId = p.LessonId,
                    LeadLessonId = p.LeadLessonId,
                    Date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(slot.Start, AllianceClock.Zone(snapshot.Alliance.TimeZone)).DateTime),
                    StartUtcTicks = slot.Start.UtcTicks,
                    EndUtcTicks = slot.End.UtcTicks,
                    DemandId = p.DemandId,
                    ClassroomId = p.ClassroomId,
                    SchoolId = p.SchoolId,
                });
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        SchedulerLog.Solved(logger, allianceId, from, to, result.Stats.Covered, result.Stats.Demanded, result.Stats.Elapsed.TotalMilliseconds);
        var stored = await db.Pairings.AsNoTracking().Where(p => p.SolveRunId == run.Id).ToListAsync(ct);
        return PairingViews.Compose(snapshot, run, stored, result.Uncovered, built.Warnings);
    }

    /// <summary>The week's stored result, or null when the week was never solved.</summary>
    public async Task<WeekSolveResult?> StoredAsync(long allianceId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var run = await db.SolveRuns.AsNoTracking()
            .Where(r => r.AllianceId == allianceId && r.From == from && r.To == to)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (run is null) return null;
        var snapshot = await AllianceSnapshot.LoadAsync(db, allianceId, ct);
        if (snapshot is null) return null;
        var stored = await db.Pairings.AsNoTracking()
            .Where(p => p.AllianceId == allianceId && p.Date >= from && p.Date <= to)
            .OrderBy(p => p.StartUtcTicks).ThenBy(p => p.ClassroomId).ToListAsync(ct);
        var uncovered = JsonSerializer.Deserialize<List<UncoveredDemand>>(run.UncoveredJson) ?? [];
        return PairingViews.Compose(snapshot, run, stored, uncovered, []);
    }

    private async Task<IReadOnlyList<PreviousPairing>> PreviousPairingsAsync(long allianceId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var own = await db.Pairings.AsNoTracking()
            .Where(p => p.AllianceId == allianceId && p.Date >= from && p.Date <= to)
            .Select(p => new { p.LeadLessonId, p.ClassroomId }).Distinct().ToListAsync(ct);
        if (own.Count == 0)
        {
            var span = to.DayNumber - from.DayNumber + 1;
            var before = from.AddDays(-Math.Max(7, span));
            own = await db.Pairings.AsNoTracking()
                .Where(p => p.AllianceId == allianceId && p.Date >= before && p.Date < from)
                .Select(p => new { p.LeadLessonId, p.ClassroomId }).Distinct().ToListAsync(ct);
        }

        return own.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId)).ToList();
    }
}
