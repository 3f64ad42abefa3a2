using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>
/// The true maximum coverage of a tiny problem by exhaustive search with a simple counting bound,
/// written from the rules alone (own candidate test, own feasibility check in doubles).
/// Returns null when the search exceeds its node budget.
/// </summary>
internal static class BruteForce
{
    public static int? MaxCoverage(PairingProblem p, int nodeBudget = 2_000_000)
    {
        var cands = (from d in p.Demands
                     from l in p.Lessons
                     where d.Count > 0 && PairingChecker.PolicyAllows(d, l.AllianceId) && (d.OnlyLeadLesson is null || d.OnlyLeadLesson == l.LeadLessonId) && l.Subject == d.Subject && l.Grade == d.Grade
                     where d.Windows.Any(w => Minutes(w.Start, w.End, l.Start, l.End) >= (p.Settings.MinOverlapShare * (l.End - l.Start).TotalMinutes) - 1e-6)
                     orderby d.DemandId, l.LessonId
                     select (L: l, D: d)).ToArray();
        var chosen = new List<(LessonSlot L, RoomDemand D)>();
        var best = 0;
        var nodes = 0;

        // remainingAfter[i] = Σ over demands of min(Count, candidates at index ≥ i): a cap on what is left.
        var remainingAfter = new int[cands.Length + 1];
        for (var i = cands.Length - 1; i >= 0; i--)
        {
            var sameDemandLeft = cands.Skip(i).Count(c => c.D.DemandId == cands[i].D.DemandId);
            remainingAfter[i] = remainingAfter[i + 1] + (sameDemandLeft <= cands[i].D.Count ? 1 : 0);
        }

        bool Search(int i)
        {
            if (++nodes > nodeBudget)
            {
                return false;
            }

            best = Math.Max(best, chosen.Count);
            if (i == cands.Length || chosen.Count + remainingAfter[i] <= best)
            {
                return true;
            }

            if (Fits(p, chosen, cands[i]))
            {
                chosen.Add(cands[i]);
                var ok = Search(i + 1);
                chosen.RemoveAt(chosen.Count - 1);
                if (!ok)
                {
                    return false;
                }
            }

            return Search(i + 1);
        }

        return Search(0) ? best : null;
    }

    private static bool Fits(PairingProblem p, List<(LessonSlot L, RoomDemand D)> chosen, (LessonSlot L, RoomDemand D) c)
    {
        var (l, d) = c;
        if (chosen.Count(x => x.D.DemandId == d.DemandId) >= d.Count ||
            chosen.Any(x => x.D.DemandId == d.DemandId && x.L.LeadLessonId == l.LeadLessonId && PairingChecker.Monday(x.L.Start) == PairingChecker.Monday(l.Start)) ||
            chosen.Any(x => x.D.ClassroomId == d.ClassroomId && Minutes(x.L.Start, x.L.End, l.Start, l.End) > 0) ||
            chosen.Count(x => x.L.LessonId == l.LessonId) >= p.Settings.RelayCapacityPerLesson ||
            chosen.Any(x => x.L.LessonId != l.LessonId && (x.L.TeacherId == l.TeacherId || x.L.StudioId == l.StudioId) && Minutes(x.L.Start, x.L.End, l.Start, l.End) > 0))
        {
            return false;
        }

        var link = p.Schools.FirstOrDefault(s => s.SchoolId == d.SchoolId)?.LinkMbps ?? double.PositiveInfinity;
        var school = chosen.Where(x => x.D.SchoolId == d.SchoolId).Select(x => x.L).Append(l).ToList();
        return school.All(t => school.Where(m => m.Start <= t.Start && t.Start < m.End).Sum(m => m.BitrateMbps) <= link + 1e-9);
    }

    private static double Minutes(DateTimeOffset s1, DateTimeOffset e1, DateTimeOffset s2, DateTimeOffset e2)
    {
        var s = s1 > s2 ? s1 : s2;
        var e = e1 < e2 ? e1 : e2;
        return e > s ? (e - s).TotalMinutes : 0;
    }
}
