namespace Classroom.Hub.Store.Records;

/// <summary>A room's request to come on stage (raised hand) and what became of it.</summary>
public sealed class HandRecord : IHubRecord
{
    public Guid Id { get; set; }
    public string LessonId { get; set; } = "";
    public long ClassroomId { get; set; }
    public long SchoolId { get; set; }
    public long MediaTimeMs { get; set; }
    public long ReceivedAtMs { get; set; }

    /// <summary>waiting, called (brought on stage), lowered (withdrawn by the room).</summary>
    public string State { get; set; } = HandStates.Waiting;
    public long? ClosedAtMs { get; set; }
    public string Author { get; set; } = "";
}

public static class HandStates
{
    public const string Waiting = "waiting";
    public const string Called = "called";
    public const string Lowered = "lowered";
}
