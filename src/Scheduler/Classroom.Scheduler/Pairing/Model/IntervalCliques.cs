namespace Classroom.Scheduler.Pairing.Model;

/// <summary>
/// Maximal sets of pairwise-overlapping half-open intervals. For intervals, pairwise overlap
/// means a common instant, and the maximal such sets are the sets active at some start time
/// just before an interval ends — so "at most X at any instant" needs one constraint per set
/// returned here instead of one per instant or per pair.
/// </summary>
internal static class IntervalCliques
{
    public static List<int[]> Maximal(IReadOnlyList<int> items, long[] start, long[] end)
    {
        var order = items.OrderBy(i => start[i]).ThenBy(i => i).ToArray();
        var cliques = new List<int[]>();
        var active = new List<int>();
        var grownSinceEmit = false;
        var k = 0;
        while (k < order.Length)
        {
            var t = start[order[k]];
            if (grownSinceEmit && active.Exists(i => end[i] <= t))
            {
                cliques.Add([.. active]);
                grownSinceEmit = false;
            }

            active.RemoveAll(i => end[i] <= t);
            while (k < order.Length && start[order[k]] == t)
            {
                active.Add(order[k++]);
            }

            grownSinceEmit = true;
        }

        if (grownSinceEmit && active.Count > 0)
        {
            cliques.Add([.. active]);
        }

        return cliques;
    }
}
