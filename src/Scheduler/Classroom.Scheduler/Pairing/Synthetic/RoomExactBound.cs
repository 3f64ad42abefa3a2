namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// An upper bound on coverage for benchmark reports, tighter than <see cref="PairingStats.UpperBound"/>
/// where rooms have many overlapping candidates (cross-alliance pairing), and computed from the
/// problem alone with none of the solver's code: each room's own optimum (its candidates under its
/// demands' counts, once per lead lesson a week, no two overlapping — found by exhaustive search),
/// each school's sum capped by the streams its link carries at once, and the whole capped by the
/// relay's seats per lesson. Any pairing's rooms are each a feasible choice of their own, so no
/// pairing exceeds it. A room whose search passes <c>nodeBudget</c> falls back to counting.
/// </summary>
public static class RoomExactBound
{
    public static int Compute(PairingProblem problem, int nodeBudget = 200_000)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var share = problem.Settings.MinOverlapShare;
        var byKey = problem.Lessons.Where(l => l.End > l.Start).ToLookup(l => (l.Subject, l.Grade));
        var candidates = problem.Demands
            .Where(d => d.Count > 0)
            .Select(d => (Demand: d, Lessons: byKey[(d.Subject, d.Grade)]
                .Where(l => l.AllianceId == d.AllianceId || (d.LessonAlliances?.Contains(l.AllianceId) ?? false))
                .Where(l => d.Windows.Any(w => w.Overlap(l.Start, l.End).Ticks >= (share * (l.End - l.Start).Ticks) - 0.5))
                .ToList()))
            .ToList();

        var links = problem.Schools.ToDictionary(s => s.SchoolId, s => s.LinkMbps);
        var total = 0L;
        foreach (var school in candidates.GroupBy(c => c.Demand.SchoolId))
        {
            var rooms = school.GroupBy(c => c.Demand.ClassroomId).Sum(room => Room([.. room], nodeBudget));
            var lessons = school.SelectMany(c => c.Lessons).ToList();
            if (links.TryGetValue(school.Key, out var link) && lessons.Count > 0)
            {
                // Every paired room receives its own stream: at most ⌊link / lowest bitrate⌋ at once.
                var streams = (int)Math.Min(int.MaxValue, Math.Floor((link + 1e-9) / lessons.Min(l => l.BitrateMbps)));
                rooms = Math.Min(rooms, OnTracks(lessons, streams));
            }

            total += rooms;
        }

        var relay = candidates.SelectMany(c => c.Lessons.Select(l => l.LessonId)).GroupBy(id => id, StringComparer.Ordinal)
            .Sum(g => (long)Math.Min(problem.Settings.RelayCapacityPerLesson, g.Count()));
        return (int)Math.Min(total, relay);
    }

    /// <summary>Most intervals that fit on <paramref name="tracks"/> parallel tracks (earliest end first, latest-freed track).</summary>
    private static int OnTracks(List<LessonSlot> lessons, int tracks)
    {
        var ends = new List<DateTimeOffset>();
        var count = 0;
        foreach (var l in lessons.OrderBy(l => l.End))
        {
            var best = -1;
            for (var i = 0; i < ends.Count; i++)
            {
                if (ends[i] <= l.Start && (best < 0 || ends[i] > ends[best]))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                ends[best] = l.End;
                count++;
            }
            else if (ends.Count < tracks)
            {
                ends.Add(l.End);
                count++;
            }
        }

        return count;
    }

    /// <summary>The room's own optimum by branch and bound over its candidate lessons in start order.</summary>
    private static int Room(List<(RoomDemand Demand, List<LessonSlot> Lessons)> demands, int nodeBudget)
    {
        var lessons = demands.SelectMany(d => d.Lessons).DistinctBy(l => l.LessonId).OrderBy(l => l.Start).ThenBy(l => l.End).ToArray();
        var takers = lessons.Select(l => demands.Select((d, i) => (d, i)).Where(x => x.d.Lessons.Any(m => m.LessonId == l.LessonId)).Select(x => x.i).ToArray()).ToArray();
        var week = lessons.Select(l => (l.LeadLessonId, Monday(l.Start))).ToArray();
        var left = demands.Select(d => d.Demand.Count).ToArray();
        var counting = Math.Min(demands.Sum(d => Math.Min(d.Demand.Count, d.Lessons.Select(l => (l.LeadLessonId, Monday(l.Start))).Distinct().Count())), OnTracks([.. lessons], 1));

        // suffix[i]: most pairwise non-overlapping lessons among i.. (whatever is chosen before).
        var suffix = new int[lessons.Length + 1];
        for (var i = lessons.Length - 1; i >= 0; i--)
        {
            suffix[i] = OnTracks(lessons[i..].ToList(), 1);
        }

        var used = new HashSet<(int Demand, (long, DateTime) Week)>();
        var chosen = new List<LessonSlot>();
        var best = 0;
        var nodes = 0;
        bool Search(int i)
        {
            if (++nodes > nodeBudget)
            {
                return false;
            }

            best = Math.Max(best, chosen.Count);
            if (i == lessons.Length || chosen.Count + Math.Min(suffix[i], left.Sum()) <= best || best == counting)
            {
                return true;
            }

            var l = lessons[i];
            if (!chosen.Any(c => c.Start < l.End && l.Start < c.End))
            {
                foreach (var d in takers[i].Where(d => left[d] > 0 && !used.Contains((d, week[i]))))
                {
                    left[d]--;
                    used.Add((d, week[i]));
                    chosen.Add(l);
                    var ok = Search(i + 1);
                    chosen.RemoveAt(chosen.Count - 1);
                    used.Remove((d, week[i]));
                    left[d]++;
                    if (!ok)
                    {
                        return false;
                    }
                }
            }

            return Search(i + 1);
        }

        return Search(0) ? best : counting;
    }

    private static DateTime Monday(DateTimeOffset t) => t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7));
}
