namespace Classroom.Hub.Store.Records;

/// <summary>
/// The roster as the hub saw it when the lesson first had a participant, so attendance reports
/// include rooms that never connected and need no scheduler call per lesson.
/// </summary>
public sealed class LessonRoomSnapshot
{
    public string LessonId { get; set; } = "";
    public long ClassroomId { get; set; }
    public string ClassroomName { get; set; } = "";
    public long SchoolId { get; set; }
    public string SchoolName { get; set; } = "";
    public int ExpectedHeadcount { get; set; }
    public long AllianceId { get; set; }
    public string Subject { get; set; } = "";
    public long StartsAtMs { get; set; }
    public long EndsAtMs { get; set; }
}
