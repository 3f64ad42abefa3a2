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
        var entangled = await DistrictPolicy.EntangledWithAsync(db, allianceId, ct);
        if (entangled.Count > 0) throw new DistrictSolveRequiredException(allianceId, entangled);

        var stored = await StoredKeysAsync(allianceId, from, to, ct);
        var previous = stored.Count > 0
            ? stored.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId, p.Date)).Distinct().ToList()
            : await LastWeeksPairingsAsync(allianceId, from, to, ct);
        var district = await DistrictSettingsStore.FindAsync(db, ct);
        var settings = AllianceSettings.Effective(snapshot.Alliance, options.Value, district);
        var built = ProblemBuilder.Build(snapshot, from, to, previous, settings.ToPairingSettings(TimeSpan.FromSeconds(options.Value.SolveTimeLimitSeconds)), settings.UplinkSharePerStream);
        if (progress is not null) await progress(0.2);
        var result = await Task.Run(() => solver.Solve(built.Problem, ct), ct);
        if (progress is not null) await progress(0.9);

        SolveRun run;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Pairings.Where(p => p.AllianceId == allianceId && p.Date >= from && p.Date <= to).ExecuteDeleteAsync(ct);
            run = await StageAsync(allianceId, from, to, built.Problem, result.Stats, result.Pairings, result.Uncovered, result.Stats.UpperBound, stored, null, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        SchedulerLog.Solved(logger, allianceId, from, to, result.Stats.Covered, result.Stats.Demanded, result.Stats.Elapsed.TotalMilliseconds);
        var kept = await db.Pairings.AsNoTracking().Where(p => p.SolveRunId == run.Id).ToListAsync(ct);
        return PairingViews.Compose(snapshot, run, kept, result.Uncovered, built.Warnings, await ForeignLessonsAsync(snapshot, kept, ct));
    }

    /// <summary>
    /// Solves every alliance of the county as one problem (rooms take the lessons their alliance's
    /// policy allows, every constraint and the fairness across schools hold county-wide) and stores
    /// one run per alliance, all in one transaction. Overlap share and relay capacity are the
    /// district's (docs/scheduler.md "District"); each alliance keeps its own uplink share.
    /// </summary>
    public async Task<IReadOnlyList<SolveRun>> SolveDistrictAsync(long jobId, DateOnly from, DateOnly to, CancellationToken ct, Func<double, Task>? progress = null)
    {
        var alliances = await db.Alliances.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var district = await DistrictSettingsStore.FindAsync(db, ct);
        var inherited = AllianceSettings.Defaults(options.Value, district);
        var pairingSettings = inherited.ToPairingSettings(TimeSpan.FromSeconds(options.Value.SolveTimeLimitSeconds));
        var lessons = new List<LessonSlot>();
        var demands = new List<RoomDemand>();
        var links = new List<SchoolLink>();
        var previous = new List<PreviousPairing>();
        var storedByAlliance = new Dictionary<long, IReadOnlyList<StoredKey>>();
        foreach (var id in alliances)
        {
            var snapshot = await AllianceSnapshot.LoadAsync(db, id, ct);
            if (snapshot is null) continue;
            var stored = await StoredKeysAsync(id, from, to, ct);
            storedByAlliance[id] = stored;
            previous.AddRange(stored.Count > 0
                ? stored.Select(p => new PreviousPairing(p.LeadLessonId, p.ClassroomId, p.Date)).Distinct()
                : await LastWeeksPairingsAsync(id, from, to, ct));
            var uplink = AllianceSettings.Effective(snapshot.Alliance, options.Value, district).UplinkSharePerStream;
            var built = ProblemBuilder.Build(snapshot, from, to, [], pairingSettings, uplink, DistrictPolicy.LessonAlliances(snapshot.Alliance, alliances));
            lessons.AddRange(built.Problem.Lessons);
            demands.AddRange(built.Problem.Demands);
            links.AddRange(built.Problem.Schools);
        }

        var problem = new PairingProblem(lessons, demands, links, previous, pairingSettings);
        if (progress is not null) await progress(0.2);
        var result = await Task.Run(() => solver.Solve(problem, ct), ct);
        if (progress is not null) await progress(0.9);

        var allianceOfDemand = demands.ToDictionary(d => d.DemandId, d => d.AllianceId);
        var bounds = result.Stats.UpperBoundBySchool ?? new Dictionary<long, int>();
        var runs = new List<SolveRun>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Pairings.Where(p => p.Date >= from && p.Date <= to).ExecuteDeleteAsync(ct);
            foreach (var (id, stored) in storedByAlliance)
            {
                var mine = problem with { Demands = [.. demands.Where(d => d.AllianceId == id)] };
                var schools = mine.Schools.Where(s => mine.Demands.Any(d => d.SchoolId == s.SchoolId)).Select(s => s.SchoolId).ToHashSet();
                runs.Add(await StageAsync(id, from, to, mine, result.Stats,
                    [.. result.Pairings.Where(p => allianceOfDemand[p.DemandId] == id)],
                    [.. result.Uncovered.Where(u => allianceOfDemand.GetValueOrDefault(u.DemandId) == id)],
                    bounds.Where(b => schools.Contains(b.Key)).Sum(b => b.Value), stored, jobId, ct));
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        SchedulerLog.Solved(logger, 0, from, to, result.Stats.Covered, result.Stats.Demanded, result.Stats.Elapsed.TotalMilliseconds);
        return runs;
    }

    /// <summary>
    /// Adds one alliance's run and its pairings to the context (the caller deleted the range and
    /// saves in its transaction). Statistics are counted against that alliance's previous stored
    /// result; the problem's lessons say which occurrences still run.
    /// </summary>
    private async Task<SolveRun> StageAsync(long allianceId, DateOnly from, DateOnly to, PairingProblem problem, PairingStats stats,
        IReadOnlyList<LessonPairing> pairings, IReadOnlyList<UncoveredDemand> uncovered, int upperBound, IReadOnlyList<StoredKey> stored, long? districtJobId, CancellationToken ct)
    {
        var changes = SolveChanges.Between(
            stored.Select(p => (p.LessonId, p.ClassroomId)),
            pairings.Select(p => (p.LessonId, p.ClassroomId)),
            problem.Lessons.Select(l => l.LessonId));
        var slots = problem.Lessons.ToDictionary(l => l.LessonId);
        var run = new SolveRun
        {
            AllianceId = allianceId,
            From = from,
            To = to,
            CreatedUtcTicks = clock.GetUtcNow().UtcTicks,
            Demanded = problem.Demands.Sum(d => Math.Max(0, d.Count)),
            Covered = pairings.Count,
            UpperBound = upperBound,
            Kept = changes.Kept,
            Moved = changes.Moved,
            Added = changes.Added,
            DroppedNotOccurring = changes.DroppedNotOccurring,
            ElapsedMs = stats.Elapsed.TotalMilliseconds,
            SolverStatus = stats.SolverStatus,
            UncoveredJson = JsonSerializer.Serialize(uncovered),
            DistrictJobId = districtJobId,
            ChangesJson = JsonSerializer.Serialize(await ChangeListAsync(stored, pairings, problem, ct)),
        };
        db.SolveRuns.Add(run);
        await db.SaveChangesAsync(ct); // the run's id, for its pairings
        foreach (var p in pairings)
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

        return run;
    }

    /// <summary>Which pairings the run adds and removes, with the names of now (first <see cref="SolveChangeList.MaxStored"/>).</summary>
    private async Task<IReadOnlyList<PairingChange>> ChangeListAsync(IReadOnlyList<StoredKey> stored, IReadOnlyList<LessonPairing> pairings, PairingProblem problem, CancellationToken ct)
    {
        var previous = stored.Select(p => new SolveChangeList.Before(p.LessonId, p.LeadLessonId, p.Date,
            new DateTimeOffset(p.StartUtcTicks, TimeSpan.Zero), new DateTimeOffset(p.EndUtcTicks, TimeSpan.Zero), p.ClassroomId, p.SchoolId, p.DemandId)).ToList();
        var kept = previous.Select(p => (p.LessonId, p.ClassroomId)).Intersect(pairings.Select(p => (p.LessonId, p.ClassroomId))).Count();
        if (kept == previous.Count && kept == pairings.Count) return [];
        var leadIds = previous.Select(p => p.LeadLessonId).Concat(pairings.Select(p => p.LeadLessonId)).ToHashSet();
        var lessons = await db.LeadLessons.AsNoTracking().Where(l => leadIds.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => new SolveChangeList.LessonInfo(l.Subject, l.Grade, l.TeacherId, l.SchoolId), ct);
        var teacherIds = lessons.Values.Select(l => l.TeacherId).Concat(problem.Lessons.Select(l => l.TeacherId)).ToHashSet();
        var roomIds = previous.Select(p => p.ClassroomId).Concat(pairings.Select(p => p.ClassroomId)).ToHashSet();
        var demandIds = previous.Select(p => p.DemandId).ToHashSet();
        var names = new SolveChangeList.Names(lessons,
            await db.Teachers.AsNoTracking().Where(t => teacherIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct),
            await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct),
            await db.Classrooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.ClassName, ct),
            (await db.Demands.AsNoTracking().Include(d => d.Classroom).Where(d => demandIds.Contains(d.Id)).ToListAsync(ct))
                .ToDictionary(d => d.Id, d => (d.Subject, d.Grade ?? d.Classroom?.Grade)));
        return [.. SolveChangeList.Between(previous, pairings, problem, names).Take(SolveChangeList.MaxStored)];
    }

    /// <summary>An alliance's stored pairings in a range, as the keys statistics and keeping need.</summary>
    private sealed record StoredKey(string LessonId, long LeadLessonId, DateOnly Date, long ClassroomId, long StartUtcTicks, long EndUtcTicks, long SchoolId, long DemandId);

    private async Task<IReadOnlyList<StoredKey>> StoredKeysAsync(long allianceId, DateOnly from, DateOnly to, CancellationToken ct) =>
        await db.Pairings.AsNoTracking()
            .Where(p => p.AllianceId == allianceId && p.Date >= from && p.Date <= to)
            .Select(p => new StoredKey(p.LessonId, p.LeadLessonId, p.Date, p.ClassroomId, p.StartUtcTicks, p.EndUtcTicks, p.SchoolId, p.DemandId)).ToListAsync(ct);

    /// <summary>Lead lessons of other alliances that the alliance's rooms are paired with (cross-alliance pairings), with their teachers.</summary>
    private async Task<IReadOnlyDictionary<long, LeadLesson>> ForeignLessonsAsync(AllianceSnapshot snapshot, IReadOnlyList<StoredPairing> stored, CancellationToken ct)
    {
        var own = snapshot.LeadLessons.Select(l => l.Id).ToHashSet();
        var foreign = stored.Select(p => p.LeadLessonId).Where(id => !own.Contains(id)).Distinct().ToList();
        if (foreign.Count == 0) return new Dictionary<long, LeadLesson>();
        return await db.LeadLessons.AsNoTracking().Include(l => l.Teacher).Where(l => foreign.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
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
        return PairingViews.Compose(snapshot, run, stored, Uncovered(run), [], await ForeignLessonsAsync(snapshot, stored, ct));
    }

    /// <summary>One run's result: its statistics and explanations, and those of its pairings still stored (a later solve of the range replaces them).</summary>
    public async Task<WeekSolveResult?> RunAsync(long solveRunId, CancellationToken ct)
    {
        var run = await db.SolveRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == solveRunId, ct);
        if (run is null) return null;
        var snapshot = await AllianceSnapshot.LoadAsync(db, run.AllianceId, ct);
        if (snapshot is null) return null;
        var stored = await db.Pairings.AsNoTracking().Where(p => p.SolveRunId == run.Id).ToListAsync(ct);
        return PairingViews.Compose(snapshot, run, stored, Uncovered(run), [], await ForeignLessonsAsync(snapshot, stored, ct));
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
