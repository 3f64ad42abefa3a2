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
        var whatZh = $"{demand.Subject}（{demand.Grade} 年级）";
        if (ix.MatchingByDemand[d].Length == 0)
        {
            return demand.LessonAlliances is { Count: > 0 } others
                ? Make(UncoveredReason.NoMatchingLesson,
                    $"No lead lesson of {what} in alliance {demand.AllianceId} or the alliances its policy allows ({string.Join(", ", others.Order())}) falls in the solved range, so room {demand.ClassroomId} cannot be paired.",
                    $"在排课范围内，联盟 {demand.AllianceId} 及其策略允许的联盟（{string.Join("、", others.Order())}）都没有{whatZh}的主讲课，所以教室 {demand.ClassroomId} 无法配对。")
                : Make(UncoveredReason.NoMatchingLesson,
                    $"No lead lesson of {what} in alliance {demand.AllianceId} falls in the solved range, so room {demand.ClassroomId} cannot be paired; a district admin may let it take lessons of other alliances (cross-alliance policy).",
                    $"在排课范围内，联盟 {demand.AllianceId} 没有{whatZh}的主讲课，所以教室 {demand.ClassroomId} 无法配对；区县管理员可以允许它听其他联盟的课（跨联盟策略）。");
        }

        if (ix.ByDemand[d].Length == 0)
        {
            var listed = ix.MatchingByDemand[d].Take(ListedCandidates).ToArray();
            var share = (ix.Settings.MinOverlapShare * 100).ToString("0.#", CultureInfo.InvariantCulture);
            return Make(UncoveredReason.NoOverlappingPeriod,
                $"{ix.MatchingByDemand[d].Length} lead lesson(s) of {what} exist ({string.Join(", ", listed.Select(l => Describe(l, false)))}), but none overlaps one of room {demand.ClassroomId}'s windows by at least {share}% of its length.",
                $"有 {ix.MatchingByDemand[d].Length} 节{whatZh}的主讲课（{string.Join("、", listed.Select(l => Describe(l, true)))}），但没有一节与教室 {demand.ClassroomId} 的可上课时段重叠达到课长的 {share}%。");
        }

        var remaining = ix.ByDemand[d].Where(c => !final.Chosen[c] && final.Check(c, out _) != Block.SameLeadLesson).ToArray();
        if (remaining.Length == 0)
        {
            var distinct = ix.ByDemand[d].Select(c => ix.WeeklyKey[ix.Candidates[c].Lesson]).Distinct().Count();
            var fitting = ix.ByDemand[d].Take(ListedCandidates).Select(c => ix.Candidates[c].Lesson).ToArray();
            return Make(UncoveredReason.NotEnoughLessons,
                $"Room {demand.ClassroomId} needs {demand.Count} lesson(s) of {what} but only {distinct} distinct lead lesson(s) fit its windows ({string.Join(", ", fitting.Select(l => Describe(l, false)))}); all of them are paired.",
                $"教室 {demand.ClassroomId} 需要 {demand.Count} 节{whatZh}，但只有 {distinct} 节不同的主讲课落在它的可上课时段内（{string.Join("、", fitting.Select(l => Describe(l, true)))}），都已配对。");
        }

        var blocks = remaining.Select(c => (Candidate: c, Reason: ReasonFor(c, out var blocker), Blocker: blocker)).ToArray();
        // A seat given away for fairness is the cause whenever it happened; otherwise the most common blocker.
        var top = blocks.GroupBy(b => b.Reason)
            .OrderByDescending(g => g.Key == UncoveredReason.FairShare).ThenByDescending(g => g.Count()).ThenBy(g => g.Key).First();
        var sentences = string.Join("; ", top.Take(ListedCandidates).Select(b => Sentence(b.Reason, b.Candidate, b.Blocker, false)));
        var sentencesZh = string.Join("；", top.Take(ListedCandidates).Select(b => Sentence(b.Reason, b.Candidate, b.Blocker, true)));
        if (!proven)
        {
            return Make(UncoveredReason.TimeLimit,
                $"The search stopped at the time limit before proving that room {demand.ClassroomId} cannot get {missing} more lesson(s) of {what}; in the pairing found: {sentences}.",
                $"求解到时限时停止，尚未证明教室 {demand.ClassroomId} 无法再得到 {missing} 节{whatZh}；在已找到的排课中：{sentencesZh}。");
        }

        return Make(top.Key,
            $"Room {demand.ClassroomId} got {final.DemandCovered[d]} of {demand.Count} lesson(s) of {what}: {sentences}.",
            $"教室 {demand.ClassroomId} 得到了 {demand.Count} 节{whatZh}中的 {final.DemandCovered[d]} 节：{sentencesZh}。");

        UncoveredDemand Make(UncoveredReason reason, string detail, string detailZh) => new(demand.DemandId, demand.ClassroomId, demand.SchoolId, missing, reason, detail, detailZh);
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

    private string Sentence(UncoveredReason reason, int c, int blocker, bool zh)
    {
        var (l, d) = ix.Candidates[c];
        var lesson = Describe(l, zh);
        var other = blocker >= 0 ? Describe(blocker, zh) : zh ? "另一节课" : "another lesson";
        var school = ix.Demands[d].SchoolId;
        var capacity = ix.Settings.RelayCapacityPerLesson;
        return (reason, zh) switch
        {
            (UncoveredReason.RoomBusy, false) => $"{lesson} overlaps {other}, which the room already attends",
            (UncoveredReason.RoomBusy, true) => $"{lesson} 与该教室已参加的 {other} 时间重叠",
            (UncoveredReason.LinkFull, false) => $"during {lesson} school {school}'s link ({Mbits(school)} Mbit/s) is already carrying streams such as {other}",
            (UncoveredReason.LinkFull, true) => $"{lesson} 期间学校 {school} 的网络（{Mbits(school)} Mbit/s）已在传输 {other} 等课的视频流",
            (UncoveredReason.RelayCapacityFull, false) => $"{lesson} already has {capacity} rooms (the relay capacity)",
            (UncoveredReason.RelayCapacityFull, true) => $"{lesson} 已有 {capacity} 个教室（转发容量）",
            (UncoveredReason.FairShare, false) => blocker >= 0
                ? $"the last seats of {lesson} went to schools that would otherwise fall below this school's coverage share"
                : $"{lesson} was left free so that coverage stays fair across schools",
            (UncoveredReason.FairShare, true) => blocker >= 0
                ? $"{lesson} 的最后名额给了其他学校，否则它们的覆盖比例会低于本校"
                : $"{lesson} 留空，以保持各校覆盖比例公平",
            (UncoveredReason.TeacherOrStudioBusy, false) => $"{lesson} cannot run because {SharedResource(l, blocker, zh)} is in {other}",
            (UncoveredReason.TeacherOrStudioBusy, true) => $"{lesson} 无法开课，因为{SharedResource(l, blocker, zh)}在 {other}",
            (_, false) => $"{lesson} is blocked",
            (_, true) => $"{lesson} 无法安排",
        };
    }

    private string Mbits(long school) => (ix.LinkKbps[school] / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private string SharedResource(int l, int blocker, bool zh)
    {
        var lesson = ix.Lessons[l];
        var teacher = blocker >= 0 && ix.Lessons[blocker].TeacherId == lesson.TeacherId;
        return (teacher, zh) switch
        {
            (true, false) => string.Create(CultureInfo.InvariantCulture, $"its teacher (id {lesson.TeacherId})"),
            (true, true) => string.Create(CultureInfo.InvariantCulture, $"其主讲教师（编号 {lesson.TeacherId}）"),
            (false, false) => string.Create(CultureInfo.InvariantCulture, $"its studio (id {lesson.StudioId})"),
            (false, true) => string.Create(CultureInfo.InvariantCulture, $"其录播室（编号 {lesson.StudioId}）"),
        };
    }

    private static readonly string[] ChineseWeekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    private string Describe(int l, bool zh)
    {
        var lesson = ix.Lessons[l];
        return zh
            ? string.Create(CultureInfo.InvariantCulture, $"{lesson.LessonId}（{ChineseWeekdays[(int)lesson.Start.DayOfWeek]} {lesson.Start:yyyy-MM-dd HH:mm}–{lesson.End:HH:mm}）")
            : string.Create(CultureInfo.InvariantCulture, $"{lesson.LessonId} ({lesson.Start:ddd yyyy-MM-dd HH:mm}–{lesson.End:HH:mm})");
    }
}
