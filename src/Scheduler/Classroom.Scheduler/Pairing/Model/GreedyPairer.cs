namespace Classroom.Scheduler.Pairing.Model;

/// <summary>
/// A quick feasible start for one component: previous pairings first (they are what we want to
/// keep), then round-robin over demands, most constrained first, one pairing per demand per round
/// (so no school is filled up before another gets its first lesson). Deterministic. Its result is
/// the CP-SAT hint, the fallback when the search finds nothing in time, and — when it already
/// reaches the upper bound of every school and keeps every keepable pairing — provably optimal.
/// </summary>
internal static class GreedyPairer
{
    public static PairingState Run(PairingIndex ix, PairingComponent component, CancellationToken cancellationToken = default)
    {
        var state = new PairingState(ix);
        foreach (var c in component.Candidates.Where(ix.IsPrevious))
        {
            if (state.Check(c, out _) == Block.None)
            {
                state.Add(c);
            }
        }

        var demands = component.Demands
            .OrderBy(d => ix.ByDemand[d].Length - ix.Demands[d].Count)
            .ThenBy(d => d)
            .ToList();

        // Adding pairings only adds blocks, so a demand that finds nothing in a round is done for good.
        while (demands.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = new List<int>(demands.Count);
            foreach (var d in demands)
            {
                if (state.DemandCovered[d] >= ix.Demands[d].Count)
                {
                    continue;
                }

                // Least contested lesson first: fewer other demands want it.
                var pick = ix.ByDemand[d]
                    .Where(c => state.Check(c, out _) == Block.None)
                    .OrderBy(c => ix.ByLesson[ix.Candidates[c].Lesson].Length)
                    .ThenBy(c => c)
                    .DefaultIfEmpty(-1)
                    .First();
                if (pick >= 0)
                {
                    state.Add(pick);
                    next.Add(d);
                }
            }

            demands = next;
        }

        return state;
    }
}
