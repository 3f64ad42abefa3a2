namespace Classroom.Hub.Store.Records;

/// <summary>
/// One viewer's replay of one recording: where they stopped and how long they watched. For a
/// student, the class and the account's display name (encrypted like absentee names) let the
/// attendance report count it as make-up viewing (docs/replay.md).
/// </summary>
public sealed class RecordingViewRecord
{
    public string RecordingId { get; set; } = "";

    /// <summary>The viewer's subject ("person:{id}").</summary>
    public string Subject { get; set; } = "";
    public string LessonId { get; set; } = "";
    public long? ClassroomId { get; set; }

    /// <summary>A student's display name; empty for teachers and admins.</summary>
    public string StudentName { get; set; } = "";
    public long PositionMs { get; set; }
    public long WatchedMs { get; set; }
    public long UpdatedAtMs { get; set; }
}
