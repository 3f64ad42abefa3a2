using System.Globalization;
using Google.OrTools.Sat;

namespace Classroom.Scheduler.Pairing.Model;

/// <summary>
/// The CP-SAT model of one component. x[c] = candidate c is paired; run[l] = lesson l has a room
/// (only for lessons that clash with another of the same teacher or studio). Constraints are
/// stated once per maximal clique of overlapping lessons (see <see cref="IntervalCliques"/>).
/// Objective, lexicographic through weights: coverage ≫ min school share (0..1000) ≫ kept pairings.
/// </summary>
internal sealed class CpSatComponentModel
{
    /// <summary>Resolution of the fairness share: z/1000 ≤ covered_s / bound_s for every school s.</summary>
    public const int ShareScale = 1000;

    private readonly PairingIndex _ix;
    private readonly PairingComponent _component;
    private readonly UpperBounds _bounds;
    private readonly CpModel _model = new();
    private readonly Dictionary<int, BoolVar> _x = [];
    private readonly Dictionary<int, BoolVar> _run = [];
    private readonly Dictionary<long, int> _schoolBound = [];
    private IntVar? _minShare;

    public CpSatComponentModel(PairingIndex ix, PairingComponent component, UpperBounds bounds)
    {
        _ix = ix;
        _component = component;
        _bounds = bounds;
        foreach (var c in component.Candidates)
        {
            _x[c] = _model.NewBoolVar(string.Empty);
        }

        AddDemandLimits();
        AddTimeCliques(d => _ix.Demands[d].ClassroomId, _ => 1, _ => 1);
        AddTimeCliques(d => _ix.Demands[d].SchoolId, c => _ix.BitrateKbps[_ix.Candidates[c].Lesson], LinkOf);
        AddRelayCapacity();
        AddTeacherAndStudio();
        AddObjective();
    }

    /// <summary>Solves with the greedy <paramref name="hint"/>; returns the chosen candidates, or null when none was found.</summary>
    public int[]? Solve(PairingState hint, TimeSpan limit, int workers, CancellationToken cancellationToken, out ComponentProof proof, out double solverBound)
    {
        // A complete, feasible hint (x, run and the share it implies) lets CP-SAT start from it directly.
        foreach (var (c, x) in _x)
        {
            _model.AddHint(x, hint.Chosen[c] ? 1 : 0);
        }

        foreach (var (l, run) in _run)
        {
            _model.AddHint(run, hint.Seats[l] > 0 ? 1 : 0);
        }

        if (_minShare is not null)
        {
            var share = _schoolBound.Min(kv => ShareScale * _component.Demands.Where(d => _ix.Demands[d].SchoolId == kv.Key).Sum(d => (long)hint.DemandCovered[d]) / kv.Value);
            _model.AddHint(_minShare, Math.Min(ShareScale, share));
        }

        using var solver = new CpSolver
        {
            // Fixed seed; with several workers the interleaved search keeps the result repeatable.
            StringParameters = string.Create(
                CultureInfo.InvariantCulture,
                $"num_workers:{Math.Max(1, workers)},random_seed:1,max_time_in_seconds:{limit.TotalSeconds:0.###}{(workers > 1 ? ",interleave_search:true" : string.Empty)}"),
        };
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(_model);
        solverBound = solver.BestObjectiveBound;
        proof = status == CpSolverStatus.Optimal ? ComponentProof.OptimalBySearch : ComponentProof.Feasible;
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            proof = ComponentProof.GreedyOnly;
            return null;
        }

        return [.. _x.Where(kv => solver.BooleanValue(kv.Value)).Select(kv => kv.Key).Order()];
    }

    private long LinkOf(long school) => _ix.LinkKbps.TryGetValue(school, out var link) ? link : long.MaxValue;

    private void AddDemandLimits()
    {
        foreach (var d in _component.Demands)
        {
            var cands = _ix.ByDemand[d];
            if (cands.Length > _ix.Demands[d].Count)
            {
                _model.Add(LinearExpr.Sum(cands.Select(c => _x[c])) <= _ix.Demands[d].Count);
            }

            // A weekly demand takes distinct lead lessons within a week (two occurrences in one week
            // happen when a 调休 make-up day repeats a weekday's timetable).
            foreach (var same in cands.GroupBy(c => _ix.WeeklyKey[_ix.Candidates[c].Lesson]).Where(g => g.Skip(1).Any()))
            {
                _model.AddAtMostOne(same.Select(c => _x[c]));
            }
        }
    }

    /// <summary>
    /// For each owner (classroom or school), at every maximal set of overlapping candidate lessons,
    /// Σ weight·x ≤ capacity. Sets whose total weight already fits are skipped.
    /// </summary>
    private void AddTimeCliques(Func<int, long> ownerOf, Func<int, long> weight, Func<long, long> capacityOf)
    {
        foreach (var owner in _component.Demands.GroupBy(ownerOf).OrderBy(g => g.Key))
        {
            var capacity = capacityOf(owner.Key);
            var cands = owner.SelectMany(d => _ix.ByDemand[d]).ToArray();
            var lessons = cands.Select(c => _ix.Candidates[c].Lesson).Distinct().ToArray();
            foreach (var clique in IntervalCliques.Maximal(lessons, _ix.LessonStart, _ix.LessonEnd))
            {
                var inClique = clique.ToHashSet();
                var members = cands.Where(c => inClique.Contains(_ix.Candidates[c].Lesson)).ToArray();
                var weights = members.Select(weight).ToArray();
                if (weights.Sum() <= capacity)
                {
                    continue;
                }

                if (capacity == 1 && weights.All(w => w == 1))
                {
                    _model.AddAtMostOne(members.Select(c => _x[c]));
                }
                else
                {
                    _model.Add(LinearExpr.WeightedSum(members.Select(c => _x[c]), weights) <= capacity);
                }
            }
        }
    }

    private void AddRelayCapacity()
    {
        foreach (var l in _component.Lessons)
        {
            if (_ix.ByLesson[l].Length > _ix.Settings.RelayCapacityPerLesson)
            {
                _model.Add(LinearExpr.Sum(_ix.ByLesson[l].Select(c => _x[c])) <= _ix.Settings.RelayCapacityPerLesson);
            }
        }
    }

    private void AddTeacherAndStudio()
    {
        BoolVar RunOf(int l)
        {
            if (!_run.TryGetValue(l, out var r))
            {
                _run[l] = r = _model.NewBoolVar(string.Empty);
                foreach (var c in _ix.ByLesson[l])
                {
                    _model.AddImplication(_x[c], r);
                }
            }

            return r;
        }

        foreach (var clique in PairingComponent.ResourceCliques(_ix, _component.Lessons))
        {
            _model.AddAtMostOne(clique.Select(RunOf));
        }
    }

    private void AddObjective()
    {
        var kept = _component.Candidates.Where(_ix.IsPrevious).ToArray();
        long keepWeight = 1;
        var shareWeight = kept.Length + 1L;
        var coverWeight = shareWeight * (ShareScale + 1);
        var objective = LinearExpr.NewBuilder();
        foreach (var x in _x.Values)
        {
            objective.AddTerm(x, coverWeight);
        }

        var schools = _bounds.BySchool.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).ToArray();
        if (schools.Length > 1)
        {
            var z = _minShare = _model.NewIntVar(0, ShareScale, "minShare");
            foreach (var (school, bound) in schools)
            {
                _schoolBound[school] = bound;
                var covered = _component.Demands.Where(d => _ix.Demands[d].SchoolId == school).SelectMany(d => _ix.ByDemand[d]).Select(c => _x[c]);
                _model.Add((ShareScale * LinearExpr.Sum(covered)) - (bound * z) >= 0);
            }

            objective.AddTerm(z, shareWeight);
        }

        foreach (var c in kept)
        {
            objective.AddTerm(_x[c], keepWeight);
        }

        _model.Maximize(objective);
    }
}
