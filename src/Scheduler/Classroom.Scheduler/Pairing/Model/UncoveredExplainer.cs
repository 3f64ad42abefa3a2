using System.Globalization;

namespace Classroom.Scheduler.Pairing.Model;

/// <summary>
/// Names, for each demand left short, the constraint that blocks it, by re-checking its remaining
/// candidates against the final pairing (not by asking the solver): no lesson of the subject/grade →
/// NoMatchingLesson; none overlapping enough → NoOverlappingPeriod; no unused candidate lead lesson
/// left → NotEnoughLessons; a relay seat held by another school that would drop below this one's
/// share → FairShare; otherwise the blocker most of the remaining candidates hit (RoomBusy,
/// LinkFull, RelayCapacityFull, TeacherOrStudioBusy). When the component was not proven optimal → TimeLimit.
/// </summary>
internal sealed class UncoveredExplainer(PairingIndex ix, PairingState final, IReadOnlyDictionary<long, (int Covered, int Bound)> schools)
{
    private const int ListedCandidates = 3;

    public UncoveredDemand? Explain(int d, bool proven)
    {
        var demand = ix.Demands[d];
        var missing = demand.Count - final.DemandCovered[d];
        if (missing <= 0)
        {
            return null;
        }

        var what = $"{demand.Subject} (grade {demand.Grade})";
        if (ix.MatchingByDemand[d].Length == 0)
        {
            return Make(UncoveredReason.NoMatchingLesson, demand.LessonAlliances is { Count: > 0 } others
                ? $"No lead lesson of {what} in alliance {demand.AllianceId} or the alliances its policy allows ({string.Join(", ", others.Order())}) falls in the solved range, so room {demand.ClassroomId} cannot be paired."
                : $"No lead lesson of {what} in alliance {demand.AllianceId} falls in the solved range, so room {demand.ClassroomId} cannot be paired; a district admin may let it take lessons of other alliances (cross-alliance policy).");
        }

        if (ix.ByDemand[d].Length == 0)
        {
            var listed = string.Join(", ", ix.MatchingByDemand[d].Take(ListedCandidates).Select(Describe));
            return Make(UncoveredReason.NoOverlappingPeriod, $"{ix.MatchingByDemand[d].Length} lead lesson(s) of {what} exist ({listed}), but none overlaps one of room {demand.ClassroomId}'s windows by at least {(ix.Settings.MinOverlapShare * 100).ToString("0.#", CultureInfo.InvariantCulture)}% of its length.");
        }

        var remaining = ix.ByDemand[d].Where(c => !final.Chosen[c] && final.Check(c, out _) != Block.SameLeadLesson).ToArray();
        if (remaining.Length == 0)
        {
            var distinct = ix.ByDemand[d].Select(c => ix.WeeklyKey[ix.Candidates[c].Lesson]).Distinct().Count();
            return Make(UncoveredReason.NotEnoughLessons, $"Room {demand.ClassroomId} needs {demand.Count} lesson(s) of {what} but only {distinct} distinct lead lesson(s) fit its windows ({string.Join(", ", ix.ByDemand[d].Take(ListedCandidates).Select(c => Describe(ix.Candidates[c].Lesson)))}); all of them are paired.");
        }

        var blocks = remaining.Select(c => (Candidate: c, Reason: ReasonFor(c, out var blocker), Blocker: blocker)).ToArray();
        // A seat given away for fairness is the cause whenever it happened; otherwise the most common blocker.
        var top = blocks.GroupBy(b => b.Reason)
            .OrderByDescending(g => g.Key == UncoveredReason.FairShare).ThenByDescending(g => g.Count()).ThenBy(g => g.Key).First();
        var sentences = string.Join("; ", top.Take(ListedCandidates).Select(b => Sentence(b.Reason, b.Candidate, b.Blocker)));
        if (!proven)
        {
            return Make(UncoveredReason.TimeLimit, $"The search stopped at the time limit before proving that room {demand.ClassroomId} cannot get {missing} more lesson(s) of {what}; in the pairing found: {sentences}.");
        }

        return Make(top.Key, $"Room {demand.ClassroomId} got {final.DemandCovered[d]} of {demand.Count} lesson(s) of {what}: {sentences}.");

        UncoveredDemand Make(UncoveredReason reason, string detail) => new(demand.DemandId, demand.ClassroomId, demand.SchoolId, missing, reason, detail);
    }

    private UncoveredReason ReasonFor(int c, out int blocker) => final.Check(c, out blocker) switch
    {
        Block.RoomBusy => UncoveredReason.RoomBusy,
        Block.LinkFull => UncoveredReason.LinkFull,
        Block.RelayCapacityFull when HeldForFairness(c) => UncoveredReason.FairShare,
        Block.RelayCapacityFull => UncoveredReason.RelayCapacityFull,
        Block.TeacherOrStudioBusy => UncoveredReason.TeacherOrStudioBusy,

        // Addable yet not added: only the fairness/keep terms of the objective can prefer that.
        _ => UncoveredReason.FairShare,
    };

    /// <summary>A seat is held for fairness when moving it to us would leave its school below our share.</summary>
    private bool HeldForFairness(int c)
    {
        var school = ix.Demands[ix.Candidates[c].Demand].SchoolId;
        var ours = Share(school, 0);
        return final.ChosenInLesson(ix.Candidates[c].Lesson)
            .Select(h => ix.Demands[ix.Candidates[h].Demand].SchoolId)
            .Any(s => s != school && Share(s, -1) < ours);
    }

    private double Share(long school, int delta)
        => schools.TryGetValue(school, out var s) && s.Bound > 0 ? (s.Covered + delta) / (double)s.Bound : 1;

    private string Sentence(UncoveredReason reason, int c, int blocker)
    {
        var (l, d) = ix.Candidates[c];
        var lesson = Describe(l);
        var other = blocker >= 0 ? Describe(blocker) : "another lesson";
        return reason switch
        {
            UncoveredReason.RoomBusy => $"{lesson} overlaps {other}, which the room already attends",
            UncoveredReason.LinkFull => $"during {lesson} school {ix.Demands[d].SchoolId}'s link ({(ix.LinkKbps[ix.Demands[d].SchoolId] / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)} Mbit/s) is already carrying streams such as {other}",
            UncoveredReason.RelayCapacityFull => $"{lesson} already has {ix.Settings.RelayCapacityPerLesson} rooms (the relay capacity)",
            UncoveredReason.FairShare => blocker >= 0
                ? $"the last seats of {lesson} went to schools that would otherwise fall below this school's coverage share"
                : $"{lesson} was left free so that coverage stays fair across schools",
            UncoveredReason.TeacherOrStudioBusy => $"{lesson} cannot run because {SharedResource(l, blocker)} is in {other}",
            _ => $"{lesson} is blocked",
        };
    }

    private string SharedResource(int l, int blocker)
    {
        var lesson = ix.Lessons[l];
        return blocker >= 0 && ix.Lessons[blocker].TeacherId == lesson.TeacherId
            ? string.Create(CultureInfo.InvariantCulture, $"its teacher (id {lesson.TeacherId})")
            : string.Create(CultureInfo.InvariantCulture, $"its studio (id {lesson.StudioId})");
    }

    private string Describe(int l)
    {
        var lesson = ix.Lessons[l];
        return string.Create(CultureInfo.InvariantCulture, $"{lesson.LessonId} ({lesson.Start:ddd yyyy-MM-dd HH:mm}–{lesson.End:HH:mm})");
    }
}
