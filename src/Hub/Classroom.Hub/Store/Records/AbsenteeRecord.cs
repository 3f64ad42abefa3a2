namespace Classroom.Hub.Store.Records;

/// <summary>A student marked absent (or present again) by the room's facilitator; latest per (room, name) counts.</summary>
public sealed class AbsenteeRecord : IHubRecord
{
    public Guid Id { get; set; }
    public string LessonId { get; set; } = "";
    public long ClassroomId { get; set; }
    public long SchoolId { get; set; }
    public string StudentName { get; set; } = "";
    public bool Absent { get; set; } = true;
    public long MediaTimeMs { get; set; }
    public long ReceivedAtMs { get; set; }
    public string Author { get; set; } = "";
}
