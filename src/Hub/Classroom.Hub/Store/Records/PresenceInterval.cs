namespace Classroom.Hub.Store.Records;

/// <summary>
/// One continuous stretch a participant was in the lesson (docs/hub.md "Presence"). A reconnect
/// within the grace period continues it; the sweeper closes it at the disconnect or, after a
/// crash, at the last heartbeat.
/// </summary>
public sealed class PresenceInterval
{
    public Guid Id { get; set; }
    public string LessonId { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Role { get; set; } = "";
    public long? ClassroomId { get; set; }
    public long? SchoolId { get; set; }
    public long StartedAtMs { get; set; }
    public long LastSeenAtMs { get; set; }
    public long? DisconnectedAtMs { get; set; }
    public long? EndedAtMs { get; set; }
    public int Connections { get; set; }
    public int Drops { get; set; }

    public long EffectiveEndMs(long nowMs) => EndedAtMs ?? DisconnectedAtMs ?? Math.Min(nowMs, Math.Max(LastSeenAtMs, StartedAtMs));
}
