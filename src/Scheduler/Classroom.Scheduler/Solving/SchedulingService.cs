using System.Text.Json;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Pairing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler.Solving;

/// <summary>
/// Solves an alliance's date range and stores the result; called by the solve worker
/// (<see cref="SolveJobWorker"/>), never on a request thread. The range's own stored pairings go
/// to the solver keyed by (lead lesson, date, room), so a re-solve keeps each on its day; a range
/// never solved gets last week's as undated hints. Statistics compare with the range's previous
/// stored result by (lesson occurrence, room). Storing replaces the range's pairings in one transaction.
/// </summary>
public sealed class SchedulingService(
    SchedulerDbContext db,
    IPairingSolver solver,
    IOptions<SchedulerOptions> options,
    TimeProvider clock,
    ILogger<SchedulingService> logger)
{
    /// <summary>
    /// Solves and stores; null when the alliance does not exist. <paramref name="progress"/> hears the
    /// stage reached (0..1) and is awaited, so its write never races the store's transaction.
    /// </summary>
    public async Task<WeekSolveResult?> SolveAsync(long allianceId, DateOnly from, DateOnly to, CancellationToken ct, Func<double, Task>? progress = null)
    {
        var snapshot = await AllianceSnapshot.LoadAsync(db, allianceId, ct);
        if (snapshot is null) return null;

        var stored = await db.Pairings.AsNoTracking()
            .Where(p => p.AllianceId == allianceId && p.Date >= from && p.Date <= to)
            .Select(p => new { p.LessonId, p.LeadLessonId, p.Date, p.ClassroomId }).ToListAsync(ct);
        var previous = stored.Count > 0
            ? stored.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId, p.Date)).Distinct().ToList()
            : await LastWeeksPairingsAsync(allianceId, from, to, ct);
        var settings = AllianceSettings.Effective(snapshot.Alliance, options.Value);
        var built = ProblemBuilder.Build(snapshot, from, to, previous, settings.ToPairingSettings(TimeSpan.FromSeconds(options.Value.SolveTimeLimitSeconds)), settings.UplinkSharePerStream);
        if (progress is not null) await progress(0.2);
        var result = await Task.Run(() => solver.Solve(built.Problem, ct), ct);
        if (progress is not null) await progress(0.9);

        var changes = SolveChanges.Between(
            stored.Select(p => (p.LessonId, p.ClassroomId)),
            result.Pairings.Select(p => (p.LessonId, p.ClassroomId)),
            built.Problem.Lessons.Select(l => l.LessonId));
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
            Kept = changes.Kept,
            Moved = changes.Moved,
            Added = changes.Added,
            DroppedNotOccurring = changes.DroppedNotOccurring,
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
                    Date = DateOnly.FromDateTime(slot.Start.DateTime), // the occurrence's local date, as in its id
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
        var kept = await db.Pairings.AsNoTracking().Where(p => p.SolveRunId == run.Id).ToListAsync(ct);
        return PairingViews.Compose(snapshot, run, kept, result.Uncovered, built.Warnings);
    }

    /// <summary>The range's latest stored result, or null when it was never solved. Reads only.</summary>
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
        return PairingViews.Compose(snapshot, run, stored, Uncovered(run), []);
    }

    /// <summary>One run's result: its statistics and explanations, and those of its pairings still stored (a later solve of the range replaces them).</summary>
    public async Task<WeekSolveResult?> RunAsync(long solveRunId, CancellationToken ct)
    {
        var run = await db.SolveRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == solveRunId, ct);
        if (run is null) return null;
        var snapshot = await AllianceSnapshot.LoadAsync(db, run.AllianceId, ct);
        if (snapshot is null) return null;
        var stored = await db.Pairings.AsNoTracking().Where(p => p.SolveRunId == run.Id).ToListAsync(ct);
        return PairingViews.Compose(snapshot, run, stored, Uncovered(run), []);
    }

    private static List<UncoveredDemand> Uncovered(SolveRun run) => JsonSerializer.Deserialize<List<UncoveredDemand>>(run.UncoveredJson) ?? [];

    /// <summary>Hints for a range solved for the first time: the pairings of the days before, undated (any occurrence of the lead lesson keeps one).</summary>
    private async Task<IReadOnlyList<PreviousPairing>> LastWeeksPairingsAsync(long allianceId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var span = to.DayNumber - from.DayNumber + 1;
        var before = from.AddDays(-Math.Max(7, span));
        var pairs = await db.Pairings.AsNoTracking()
            .Where(p => p.AllianceId == allianceId && p.Date >= before && p.Date < from)
            .Select(p => new { p.LeadLessonId, p.ClassroomId }).Distinct().ToListAsync(ct);
        return pairs.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId)).ToList();
    }
}
