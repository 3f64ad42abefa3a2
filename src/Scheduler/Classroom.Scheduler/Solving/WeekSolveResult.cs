using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Solving;

/// <summary>What a solve returns to the API: the stored pairings, every unmet demand with its reason, stats.</summary>
public sealed record WeekSolveResult(
    long SolveRunId,
    long AllianceId,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<PairingView> Pairings,
    IReadOnlyList<UncoveredView> Uncovered,
    PairingStatsView Stats,
    IReadOnlyList<string> Warnings);

public sealed record PairingView(
    string LessonId, long LeadLessonId, string Subject, int Grade, DateOnly Date,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, long TeacherId, string TeacherName,
    long ClassroomId, string ClassroomName, long SchoolId, string SchoolName, long DemandId);

public sealed record UncoveredView(
    long DemandId, long ClassroomId, string ClassroomName, long SchoolId, string SchoolName, string Subject,
    int Missing, string Reason, string ReasonText, string Detail, string? DetailZh = null);

/// <summary>
/// Coverage, and what changed against the range's previous stored result by (lesson occurrence, room):
/// <paramref name="Kept"/> still paired, <paramref name="Moved"/> no longer paired though the occurrence runs,
/// <paramref name="Added"/> new, <paramref name="DroppedNotOccurring"/> gone because the occurrence no longer
/// takes place (holiday, lesson deleted). A first solve has everything added and nothing kept.
/// </summary>
public sealed record PairingStatsView(int Demanded, int Covered, int UpperBound, double CoverageOfBound,
    int Kept, int Moved, int Added, int DroppedNotOccurring, double ElapsedMs, string SolverStatus);

public static class UncoveredReasonText
{
    /// <summary>The reason in Simplified Chinese, for admins reading the list.</summary>
    public static string Chinese(UncoveredReason reason) => reason switch
    {
        UncoveredReason.NoMatchingLesson => "主讲学校没有该年级该学科的课",
        UncoveredReason.NoOverlappingPeriod => "可上课的节次与主讲课时间不重叠",
        UncoveredReason.NotEnoughLessons => "可选的主讲课次数不够",
        UncoveredReason.RoomBusy => "教室在这些时间已有其他课",
        UncoveredReason.LinkFull => "学校网络带宽已满",
        UncoveredReason.RelayCapacityFull => "该课的转发容量已满",
        UncoveredReason.TeacherOrStudioBusy => "主讲教师或录播室时间冲突",
        UncoveredReason.FairShare => "为公平起见名额分给了其他学校",
        UncoveredReason.TimeLimit => "求解时间已到",
        _ => reason.ToString(),
    };
}
