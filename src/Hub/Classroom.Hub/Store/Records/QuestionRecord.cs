namespace Classroom.Hub.Store.Records;

/// <summary>A room's question; the teacher moves it to answered or dismissed.</summary>
public sealed class QuestionRecord : IHubRecord
{
    public Guid Id { get; set; }
    public string LessonId { get; set; } = "";
    public long ClassroomId { get; set; }
    public long SchoolId { get; set; }
    public string Text { get; set; } = "";
    public long MediaTimeMs { get; set; }
    public long ReceivedAtMs { get; set; }
    public string Status { get; set; } = QuestionStatuses.Open;
    public long? StatusChangedAtMs { get; set; }
    public string Author { get; set; } = "";
}

public static class QuestionStatuses
{
    public const string Open = "open";
    public const string Answered = "answered";
    public const string Dismissed = "dismissed";

    public static bool IsKnown(string? value) => value is Open or Answered or Dismissed;
}
