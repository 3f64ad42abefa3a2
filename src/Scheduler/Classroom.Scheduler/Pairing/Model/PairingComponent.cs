namespace Classroom.Scheduler.Pairing.Model;

/// <summary>
/// An independent part of the problem: candidates that share no demand, classroom, school,
/// lesson or clashing teacher/studio with any other component's, so it is solved on its own.
/// </summary>
internal sealed class PairingComponent(int id, int[] candidates, int[] demands, int[] lessons)
{
    public int Id { get; } = id;

    public int[] Candidates { get; } = candidates;

    public int[] Demands { get; } = demands;

    public int[] Lessons { get; } = lessons;

    /// <summary>
    /// Components by union-find over demands and lessons: a candidate joins its demand and lesson,
    /// demands of one school are joined (shared link, fairness), lessons of one teacher or studio
    /// that overlap are joined (they cannot both run).
    /// </summary>
    public static List<PairingComponent> Split(PairingIndex ix)
    {
        var nd = ix.Demands.Length;
        var parent = new int[nd + ix.Lessons.Length];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        int Find(int a)
        {
            while (parent[a] != a)
            {
                parent[a] = parent[parent[a]];
                a = parent[a];
            }

            return a;
        }

        void Union(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a != b)
            {
                parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        }

        foreach (var c in ix.Candidates)
        {
            Union(c.Demand, nd + c.Lesson);
        }

        var firstOfSchool = new Dictionary<long, int>();
        for (var d = 0; d < nd; d++)
        {
            if (ix.ByDemand[d].Length == 0)
            {
                continue;
            }

            if (firstOfSchool.TryGetValue(ix.Demands[d].SchoolId, out var first))
            {
                Union(first, d);
            }
            else
            {
                firstOfSchool[ix.Demands[d].SchoolId] = d;
            }
        }

        foreach (var clique in ResourceCliques(ix))
        {
            for (var i = 1; i < clique.Length; i++)
            {
                Union(nd + clique[0], nd + clique[i]);
            }
        }

        var groups = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < ix.Candidates.Length; i++)
        {
            var root = Find(ix.Candidates[i].Demand);
            if (!groups.TryGetValue(root, out var list))
            {
                groups[root] = list = [];
            }

            list.Add(i);
        }

        var result = new List<PairingComponent>();
        foreach (var list in groups.Values)
        {
            var demands = list.Select(c => ix.Candidates[c].Demand).Distinct().Order().ToArray();
            var lessons = list.Select(c => ix.Candidates[c].Lesson).Distinct().Order().ToArray();
            result.Add(new PairingComponent(result.Count, [.. list], demands, lessons));
        }

        return result;
    }

    /// <summary>Cliques (size ≥ 2) of overlapping candidate lessons sharing a teacher or a studio.</summary>
    public static IEnumerable<int[]> ResourceCliques(PairingIndex ix, IEnumerable<int>? lessons = null)
    {
        var used = (lessons ?? Enumerable.Range(0, ix.Lessons.Length).Where(l => ix.ByLesson[l].Length > 0)).ToList();
        foreach (var byKey in new Func<LessonSlot, (int, long)>[] { l => (0, l.TeacherId), l => (1, l.StudioId) })
        {
            foreach (var group in used.GroupBy(l => byKey(ix.Lessons[l])).OrderBy(g => g.Key))
            {
                if (group.Skip(1).Any())
                {
                    foreach (var clique in IntervalCliques.Maximal([.. group], ix.LessonStart, ix.LessonEnd))
                    {
                        if (clique.Length > 1)
                        {
                            yield return clique;
                        }
                    }
                }
            }
        }
    }
}
