namespace Classroom.Contracts.Lessons;

/// <summary>A lesson its teacher connected to (it was held): the teacher's minutes connected.</summary>
public sealed record LessonTeaching(string LessonId, double TeacherMinutes);

/// <summary>
/// One room in one lesson as the hub recorded it: whether it connected, minutes connected (sum of its
/// presence intervals), latest headcount check-in, questions asked and hands raised by the room.
/// </summary>
public sealed record RoomUsage(string LessonId, long ClassroomId, bool Joined, double MinutesConnected, int? Headcount, int Questions, int HandsRaised);

/// <summary>Students of one class who replayed recordings of the lessons: viewers (one per person and recording) and minutes watched.</summary>
public sealed record ReplayUsage(long ClassroomId, int Views, double MinutesWatched);

/// <summary>The hub's usage figures of a set of lessons (the usage-per-school report, docs/admin-reports.md).</summary>
public sealed record LessonUsageReport(IReadOnlyList<LessonTeaching> Lessons, IReadOnlyList<RoomUsage> Rooms, IReadOnlyList<ReplayUsage> Replays);

/// <summary>
/// The hub's record of how lessons were used, read by the scheduler's usage-per-school report.
/// Without a hub role in the process the report shows the plan only.
/// </summary>
public interface ILessonUsage
{
    Task<LessonUsageReport> ForLessonsAsync(IReadOnlyCollection<string> lessonIds, CancellationToken cancellationToken);
}
