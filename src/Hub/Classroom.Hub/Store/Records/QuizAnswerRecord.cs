namespace Classroom.Hub.Store.Records;

/// <summary>
/// A room's answer to a quiz: counts per option (the server derives them from per-student
/// clicker answers when those are given, kept in <see cref="StudentAnswersJson"/>). The latest
/// answer per (quiz, room) counts.
/// </summary>
public sealed class QuizAnswerRecord : IHubRecord
{
    public Guid Id { get; set; }
    public string LessonId { get; set; } = "";
    public Guid QuizId { get; set; }
    public long ClassroomId { get; set; }
    public long SchoolId { get; set; }
    public string CountsJson { get; set; } = "[]";
    public string? StudentAnswersJson { get; set; }
    public long MediaTimeMs { get; set; }
    public long ReceivedAtMs { get; set; }
    public string Author { get; set; } = "";
}
