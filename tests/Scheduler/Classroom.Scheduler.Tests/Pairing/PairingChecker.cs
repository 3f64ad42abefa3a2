using System.Globalization;
using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>
/// Checks a result against every rule of the issue directly from the problem — with none of the
/// solver's code (no index, no cliques, no integer kbit/s): the cross-alliance policy, pairwise
/// overlaps (a room over all its grades' demands), loads summed in doubles at every start time,
/// counts. Returns the broken rules as sentences.
/// </summary>
internal static class PairingChecker
{
    public static List<string> Violations(PairingProblem problem, PairingResult result)
    {
        var errors = new List<string>();
        var lessons = problem.Lessons.ToDictionary(l => l.LessonId);
        var demands = problem.Demands.ToDictionary(d => d.DemandId);
        var paired = new List<(LessonSlot Lesson, RoomDemand Demand)>();
        foreach (var p in result.Pairings)
        {
            if (!lessons.TryGetValue(p.LessonId, out var l) || !demands.TryGetValue(p.DemandId, out var d))
            {
                errors.Add($"pairing {p} names an unknown lesson or demand");
                continue;
            }

            if (l.Subject != d.Subject || l.Grade != d.Grade || l.LeadLessonId != p.LeadLessonId || d.ClassroomId != p.ClassroomId || d.SchoolId != p.SchoolId)
            {
                errors.Add($"pairing {p} does not match its lesson/demand");
            }

            if (!PolicyAllows(d, l.AllianceId))
            {
                errors.Add($"pairing {p}: room of alliance {d.AllianceId} takes a lesson of alliance {l.AllianceId}, which its policy does not list");
            }

            if (d.OnlyLeadLesson is { } only && only != l.LeadLessonId)
            {
                errors.Add($"pairing {p}: a room booked for lead lesson {only} is paired with {l.LeadLessonId}");
            }

            var need = problem.Settings.MinOverlapShare * (l.End - l.Start).TotalMinutes;
            if (!d.Windows.Any(w => Overlap(w.Start, w.End, l.Start, l.End) >= need - 1e-6))
            {
                errors.Add($"pairing {p}: no window covers {need} minutes of {l.LessonId}");
            }

            paired.Add((l, d));
        }

        foreach (var g in paired.GroupBy(p => p.Demand.DemandId))
        {
            var d = demands[g.Key];
            if (g.Count() > d.Count)
            {
                errors.Add($"demand {d.DemandId} has {g.Count()} pairings for Count {d.Count}");
            }

            if (g.Select(p => (p.Lesson.LeadLessonId, Monday(p.Lesson.Start))).Distinct().Count() != g.Count())
            {
                errors.Add($"demand {d.DemandId} uses a lesson, or a lead lesson twice in one week");
            }
        }

        foreach (var g in paired.GroupBy(p => p.Demand.ClassroomId))
        {
            errors.AddRange(Clashes(g.Select(p => p.Lesson).ToList(), (_, _) => true, $"room {g.Key}"));
        }

        var running = paired.Select(p => p.Lesson).DistinctBy(l => l.LessonId).ToList();
        errors.AddRange(Clashes(running, (a, b) => a.TeacherId == b.TeacherId || a.StudioId == b.StudioId, "teacher/studio"));
        foreach (var g in paired.GroupBy(p => p.Lesson.LessonId).Where(g => g.Count() > problem.Settings.RelayCapacityPerLesson))
        {
            errors.Add($"lesson {g.Key} has {g.Count()} rooms over relay capacity");
        }

        foreach (var g in paired.GroupBy(p => p.Demand.SchoolId))
        {
            var link = problem.Schools.FirstOrDefault(s => s.SchoolId == g.Key)?.LinkMbps ?? double.PositiveInfinity;
            foreach (var t in g.Select(p => p.Lesson.Start))
            {
                var load = g.Where(p => p.Lesson.Start <= t && t < p.Lesson.End).Sum(p => p.Lesson.BitrateMbps);
                if (load > link + 1e-9)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"school {g.Key} carries {load} Mbit/s at {t} over its {link}"));
                }
            }
        }

        errors.AddRange(CheckStatsAndReasons(problem, result, paired));
        return errors;
    }

    private static IEnumerable<string> CheckStatsAndReasons(PairingProblem problem, PairingResult result, List<(LessonSlot Lesson, RoomDemand Demand)> paired)
    {
        var s = result.Stats;
        if (s.Covered != result.Pairings.Count || s.Covered > s.UpperBound || s.UpperBound > s.Demanded || s.Demanded != problem.Demands.Sum(d => Math.Max(0, d.Count)))
        {
            yield return $"stats inconsistent: {s}";
        }

        var covered = paired.GroupBy(p => p.Demand.DemandId).ToDictionary(g => g.Key, g => g.Count());
        var explained = result.Uncovered.ToDictionary(u => u.DemandId);
        foreach (var d in problem.Demands.Where(d => d.Count > 0))
        {
            var missing = d.Count - covered.GetValueOrDefault(d.DemandId);
            explained.TryGetValue(d.DemandId, out var u);
            if (missing > 0 && (u is null || u.Missing != missing || string.IsNullOrWhiteSpace(u.Detail) || string.IsNullOrWhiteSpace(u.DetailZh) || u.ClassroomId != d.ClassroomId))
            {
                yield return $"demand {d.DemandId} misses {missing} but is explained as {u}";
            }

            if (missing == 0 && u is not null)
            {
                yield return $"demand {d.DemandId} is covered but listed as uncovered";
            }
        }
    }

    private static IEnumerable<string> Clashes(List<LessonSlot> lessons, Func<LessonSlot, LessonSlot, bool> shareResource, string what)
    {
        for (var i = 0; i < lessons.Count; i++)
        {
            for (var j = i + 1; j < lessons.Count; j++)
            {
                var (a, b) = (lessons[i], lessons[j]);
                if (shareResource(a, b) && Overlap(a.Start, a.End, b.Start, b.End) > 0)
                {
                    yield return $"{what}: {a.LessonId} and {b.LessonId} overlap";
                }
            }
        }
    }

    /// <summary>
    /// The district's cross-alliance policy as the problem states it, written out here rather than
    /// calling <see cref="RoomDemand.MayTakeFrom"/>: the own alliance, or one listed in LessonAlliances.
    /// </summary>
    internal static bool PolicyAllows(RoomDemand d, long lessonAlliance)
        => lessonAlliance == d.AllianceId || (d.LessonAlliances is { } listed && listed.Contains(lessonAlliance));

    /// <summary>The Monday of the lesson's local week.</summary>
    internal static DateTime Monday(DateTimeOffset t) => t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7));

    private static double Overlap(DateTimeOffset s1, DateTimeOffset e1, DateTimeOffset s2, DateTimeOffset e2)
    {
        var s = s1 > s2 ? s1 : s2;
        var e = e1 < e2 ? e1 : e2;
        return e > s ? (e - s).TotalMinutes : 0;
    }
}
