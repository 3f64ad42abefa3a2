namespace Classroom.Hub.Store.Records;

/// <summary>A room's headcount check-in; the latest one per room counts.</summary>
public sealed class CheckInRecord : IHubRecord
{
    public Guid Id { get; set; }
    public string LessonId { get; set; } = "";
    public long ClassroomId { get; set; }
    public long SchoolId { get; set; }
    public int Present { get; set; }
    public int Expected { get; set; }
    public long MediaTimeMs { get; set; }
    public long ReceivedAtMs { get; set; }
    public string Author { get; set; } = "";
}
