namespace Classroom.Hub.Store.Records;

/// <summary>One time the teacher brought a room on stage (the fairness rule counts these per school).</summary>
public sealed class StageCallRecord : IHubRecord
{
    public Guid Id { get; set; }
    public string LessonId { get; set; } = "";
    public long ClassroomId { get; set; }
    public long SchoolId { get; set; }
    public long CalledAtMs { get; set; }
    public long? EndedAtMs { get; set; }
    public string Author { get; set; } = "";
}
