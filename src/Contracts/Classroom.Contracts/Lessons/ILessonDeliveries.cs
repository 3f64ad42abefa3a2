namespace Classroom.Contracts.Lessons;

/// <summary>What the hub saw of one room in one lesson occurrence: how long it was connected, and its latest headcount.</summary>
public sealed record LessonRoomDelivery(string LessonId, long ClassroomId, DateTimeOffset FirstJoinedAt, double MinutesConnected, int? Headcount);

/// <summary>The lessons that were held (their teacher was in them) and every room that connected to any of them.</summary>
public sealed record LessonDeliveryReport(IReadOnlySet<string> LessonsHeld, IReadOnlyList<LessonRoomDelivery> Rooms);

/// <summary>One room in a lesson now: connected (a heartbeat within the stale limit), its reconnects so far, its latest headcount.</summary>
public sealed record LiveRoomPresence(long ClassroomId, bool Online, int Drops, int? Headcount, DateTimeOffset LastSeenAt);

/// <summary>A lesson now: whether its teacher is connected, and every room that has connected to it.</summary>
public sealed record LiveLessonPresence(string LessonId, bool TeacherOnline, IReadOnlyList<LiveRoomPresence> Rooms);

/// <summary>
/// The hub's record of lessons as delivered, read by the scheduler's planned-vs-delivered report
/// (课时计划的监控与落实). Without a hub role in the process the report shows the plan only.
/// </summary>
public interface ILessonDeliveries
{
    Task<LessonDeliveryReport> ForLessonsAsync(IReadOnlyCollection<string> lessonIds, CancellationToken cancellationToken);

    /// <summary>Who is connected to these lessons now (the admin console's "live today"); lessons nobody joined are absent.</summary>
    Task<IReadOnlyList<LiveLessonPresence>> PresenceNowAsync(IReadOnlyCollection<string> lessonIds, CancellationToken cancellationToken);
}
