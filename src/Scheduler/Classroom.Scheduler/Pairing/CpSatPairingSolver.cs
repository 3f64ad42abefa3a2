using System.Collections.Concurrent;
using Classroom.Scheduler.Pairing.Model;

namespace Classroom.Scheduler.Pairing;

/// <summary>
/// Pairs lead-lesson occurrences with member-room demand using OR-Tools CP-SAT. The problem is
/// split into independent components (alliances, and inside an alliance the parts that share no
/// room, school, lesson or teacher/studio clash); each is started greedily, closed without search
/// when the greedy start meets the independent upper bound, else solved by CP-SAT with its share
/// of the time limit, in parallel. The model, fairness and explanation rules: docs/pairing.md.
/// </summary>
public sealed class CpSatPairingSolver(TimeProvider? timeProvider = null) : IPairingSolver
{
    /// <summary>Longer limits are treated as this (a day is far beyond any useful search).</summary>
    internal static readonly TimeSpan MaxTimeLimit = TimeSpan.FromDays(1);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public PairingResult Solve(PairingProblem problem, CancellationToken cancellationToken = default)
        => SolveDetailed(problem, cancellationToken).Result;

    internal PairingRun SolveDetailed(PairingProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Validate(problem.Settings);
        cancellationToken.ThrowIfCancellationRequested();
        var started = _time.GetTimestamp();
        var ix = PairingIndex.Build(problem);
        var components = PairingComponent.Split(ix);
        var lanes = problem.Settings.Workers > 0 ? problem.Settings.Workers : Environment.ProcessorCount;
        var outcomes = new ComponentOutcome[components.Count];
        var starts = new PairingState[components.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = lanes, CancellationToken = cancellationToken };

        // Phase 1 (cheap): bounds and greedy start everywhere; close components the bound proves optimal.
        var bounds = new UpperBounds[components.Count];
        Parallel.For(0, components.Count, parallel, i =>
        {
            bounds[i] = UpperBounds.For(ix, components[i]);
            starts[i] = GreedyPairer.Run(ix, components[i], cancellationToken);
            if (MeetsBound(ix, components[i], starts[i], bounds[i]))
            {
                outcomes[i] = new ComponentOutcome(components[i], Chosen(components[i], starts[i]), ComponentProof.OptimalByBound, bounds[i], double.NaN);
            }
        });

        // Phase 2: CP-SAT for the rest, largest first, each with its share of the time left.
        var open = Enumerable.Range(0, components.Count).Where(i => outcomes[i] is null)
            .OrderByDescending(i => components[i].Candidates.Length).ThenBy(i => i).ToArray();
        var limitSeconds = Math.Min(problem.Settings.TimeLimit.TotalSeconds, MaxTimeLimit.TotalSeconds); // no overflow for TimeSpan.MaxValue
        var deadline = started + (long)(limitSeconds * _time.TimestampFrequency);
        var budget = new TimeBudget(_time, deadline, open.Sum(i => (long)components[i].Candidates.Length), lanes);
        var workersEach = open.Length == 1 ? lanes : 1;
        // NoBuffering: each lane takes the next component in order (an array would be split in halves).
        Parallel.ForEach(Partitioner.Create(open, EnumerablePartitionerOptions.NoBuffering), parallel, i =>
        {
            var limit = budget.Take(components[i].Candidates.Length);
            int[]? chosen = null;
            var proof = ComponentProof.GreedyOnly;
            var solverBound = double.NaN;
            if (limit >= TimeSpan.FromMilliseconds(5))
            {
                var model = new CpSatComponentModel(ix, components[i], bounds[i]);
                chosen = model.Solve(starts[i], limit, workersEach, cancellationToken, out proof, out solverBound);
            }

            var greedy = Chosen(components[i], starts[i]);
            if (chosen is null || (proof != ComponentProof.OptimalBySearch && chosen.Length < greedy.Length))
            {
                chosen = greedy; // the search ran out of time below its own start
            }
            else if (proof == ComponentProof.Feasible)
            {
                chosen = Complete(ix, components[i], chosen);
            }

            outcomes[i] = new ComponentOutcome(components[i], chosen, proof, bounds[i], solverBound);
        });
        cancellationToken.ThrowIfCancellationRequested();
        return Assemble(ix, outcomes, _time.GetElapsedTime(started));
    }

    private static void Validate(PairingSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!(s.MinOverlapShare > 0 && s.MinOverlapShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(s), s.MinOverlapShare, "MinOverlapShare must be in (0, 1].");
        }

        if (s.RelayCapacityPerLesson < 0 || s.Workers < 0 || s.TimeLimit < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(s), s, "RelayCapacityPerLesson, Workers and TimeLimit must not be negative.");
        }
    }

    /// <summary>A solution cut short by the time limit may leave addable pairings: add them (more coverage is always better).</summary>
    private static int[] Complete(PairingIndex ix, PairingComponent component, int[] chosen)
    {
        var state = new PairingState(ix);
        foreach (var c in chosen)
        {
            state.Add(c);
        }

        foreach (var c in component.Candidates.Where(c => !state.Chosen[c]))
        {
            if (state.Check(c, out _) == Block.None)
            {
                state.Add(c);
            }
        }

        return Chosen(component, state);
    }

    private static int[] Chosen(PairingComponent component, PairingState state)
        => [.. component.Candidates.Where(c => state.Chosen[c])];

    /// <summary>Optimal without search: every school at its bound (so max-min share is 1) and nothing keepable dropped.</summary>
    private static bool MeetsBound(PairingIndex ix, PairingComponent component, PairingState state, UpperBounds bounds)
    {
        var covered = component.Candidates.Count(c => state.Chosen[c]);
        if (covered < bounds.BySchool.Values.Sum())
        {
            return false;
        }

        var keepable = KeptBy(ix, component.Candidates.Where(ix.IsPrevious)).Count;
        var kept = KeptBy(ix, component.Candidates.Where(c => state.Chosen[c] && ix.IsPrevious(c))).Count;
        return kept == keepable;
    }

    /// <summary>The distinct previous pairings the given candidates keep.</summary>
    private static HashSet<PreviousKey> KeptBy(PairingIndex ix, IEnumerable<int> candidates)
    {
        var kept = new HashSet<PreviousKey>();
        foreach (var c in candidates)
        {
            kept.UnionWith(ix.PreviousKeysOf(ix.Candidates[c].Lesson, ix.Demands[ix.Candidates[c].Demand].ClassroomId));
        }

        return kept;
    }

    private static PairingRun Assemble(PairingIndex ix, ComponentOutcome[] outcomes, TimeSpan elapsed)
    {
        var final = new PairingState(ix);
        var provenByDemand = new Dictionary<int, bool>();
        var schools = new Dictionary<long, (int Covered, int Bound)>();
        foreach (var outcome in outcomes)
        {
            foreach (var c in outcome.Chosen)
            {
                final.Add(c);
            }

            foreach (var d in outcome.Component.Demands)
            {
                provenByDemand[d] = outcome.Proven;
            }

            foreach (var (school, bound) in outcome.Bounds.BySchool)
            {
                var covered = outcome.Component.Demands.Where(d => ix.Demands[d].SchoolId == school).Sum(d => final.DemandCovered[d]);
                var had = schools.GetValueOrDefault(school);
                schools[school] = (had.Covered + covered, had.Bound + bound);
            }
        }

        var pairings = Enumerable.Range(0, ix.Candidates.Length).Where(c => final.Chosen[c])
            .Select(c => (ix.Lessons[ix.Candidates[c].Lesson], ix.Demands[ix.Candidates[c].Demand]))
            .Select(p => new LessonPairing(p.Item1.LessonId, p.Item1.LeadLessonId, p.Item2.DemandId, p.Item2.ClassroomId, p.Item2.SchoolId))
            .OrderBy(p => p.LessonId, StringComparer.Ordinal).ThenBy(p => p.ClassroomId).ThenBy(p => p.DemandId)
            .ToList();
        var explainer = new UncoveredExplainer(ix, final, schools);
        var uncovered = Enumerable.Range(0, ix.Demands.Length)
            .Select(d => explainer.Explain(d, provenByDemand.GetValueOrDefault(d, true)))
            .OfType<UncoveredDemand>()
            .ToList();

        var kept = KeptBy(ix, Enumerable.Range(0, ix.Candidates.Length).Where(c => final.Chosen[c])).Count;
        var allProven = outcomes.All(o => o.Proven);
        var stats = new PairingStats(
            Demanded: ix.Demands.Sum(d => Math.Max(0, d.Count)),
            Covered: pairings.Count,
            UpperBound: outcomes.Sum(o => o.Bounds.Total),
            Kept: kept,
            Moved: ix.PreviousKeys.Count - kept,
            Elapsed: elapsed,
            SolverStatus: allProven ? "OPTIMAL" : "FEASIBLE",
            UpperBoundBySchool: schools.ToDictionary(s => s.Key, s => s.Value.Bound));
        return new PairingRun(new PairingResult(pairings, uncovered, stats), outcomes);
    }
}

/// <summary>A result plus per-component detail for benchmarks and tests.</summary>
internal sealed record PairingRun(PairingResult Result, IReadOnlyList<ComponentOutcome> Components);
