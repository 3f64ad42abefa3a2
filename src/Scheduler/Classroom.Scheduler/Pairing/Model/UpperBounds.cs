namespace Classroom.Scheduler.Pairing.Model;

/// <summary>
/// Coverage no solution can exceed, from counting arguments only (never from CP-SAT):
/// per demand min(Count, distinct candidate lead lessons per week); per classroom the most pairwise
/// non-overlapping candidate lessons (interval scheduling, earliest end first); per school the
/// most candidate pairings that fit k = ⌊link / lowest bitrate⌋ parallel streams (interval
/// scheduling on k machines, also greedy-optimal); per component the sum over schools, capped by
/// Σ per lesson min(relay capacity, candidate demands).
/// </summary>
internal sealed class UpperBounds
{
    private UpperBounds(Dictionary<long, int> bySchool, int total)
    {
        BySchool = bySchool;
        Total = total;
    }

    /// <summary>Bound on each school's coverage inside the component (the fairness denominators).</summary>
    public Dictionary<long, int> BySchool { get; }

    public int Total { get; }

    public static int ForDemand(PairingIndex ix, int d)
        => Math.Min(ix.Demands[d].Count, ix.ByDemand[d].Select(c => ix.WeeklyKey[ix.Candidates[c].Lesson]).Distinct().Count());

    public static UpperBounds For(PairingIndex ix, PairingComponent component)
    {
        var bySchool = new Dictionary<long, int>();
        foreach (var school in component.Demands.GroupBy(d => ix.Demands[d].SchoolId))
        {
            var roomSum = 0;
            foreach (var room in school.GroupBy(d => ix.Demands[d].ClassroomId))
            {
                var demandSum = room.Sum(d => ForDemand(ix, d));
                var lessons = room.SelectMany(d => ix.ByDemand[d]).Select(c => ix.Candidates[c].Lesson).Distinct();
                roomSum += Math.Min(demandSum, MaxOnMachines(ix, [.. lessons], 1));
            }

            var bound = roomSum;
            var candidates = school.SelectMany(d => ix.ByDemand[d]).ToArray();
            if (ix.LinkKbps.TryGetValue(school.Key, out var link) && candidates.Length > 0)
            {
                var lowest = candidates.Min(c => ix.BitrateKbps[ix.Candidates[c].Lesson]);
                var streams = (int)Math.Min(int.MaxValue, link / Math.Max(1, lowest));
                bound = Math.Min(bound, MaxOnMachines(ix, [.. candidates.Select(c => ix.Candidates[c].Lesson)], streams));
            }

            bySchool[school.Key] = bound;
        }

        var relay = component.Lessons.Sum(l => (long)Math.Min(ix.Settings.RelayCapacityPerLesson, ix.ByLesson[l].Length));
        return new UpperBounds(bySchool, (int)Math.Min(bySchool.Values.Sum(), relay));
    }

    /// <summary>Most intervals (lesson positions, repeats allowed) that fit on <paramref name="machines"/> parallel tracks.</summary>
    internal static int MaxOnMachines(PairingIndex ix, int[] lessons, int machines)
    {
        if (machines <= 0)
        {
            return 0;
        }

        if (machines >= lessons.Length)
        {
            return lessons.Length;
        }

        var trackEnds = new List<long>(machines);
        var count = 0;
        foreach (var l in lessons.OrderBy(l => ix.LessonEnd[l]))
        {
            // Put it on the track that freed up last before it starts (keeps early tracks for later).
            var best = -1;
            for (var i = 0; i < trackEnds.Count; i++)
            {
                if (trackEnds[i] <= ix.LessonStart[l] && (best < 0 || trackEnds[i] > trackEnds[best]))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                trackEnds[best] = ix.LessonEnd[l];
                count++;
            }
            else if (trackEnds.Count < machines)
            {
                trackEnds.Add(ix.LessonEnd[l]);
                count++;
            }
        }

        return count;
    }
}
