namespace Classroom.Hub.Store.Records;

/// <summary>A question a student asked while replaying, at a media time; the lesson's teacher answers it for that class.</summary>
public sealed class ReplayQuestionRecord
{
    public Guid Id { get; set; }
    public string RecordingId { get; set; } = "";
    public string LessonId { get; set; } = "";
    public long ClassroomId { get; set; }
    public long SchoolId { get; set; }
    public string Author { get; set; } = "";
    public string Text { get; set; } = "";
    public long MediaTimeMs { get; set; }
    public long AskedAtMs { get; set; }
    public string? Answer { get; set; }
    public long? AnsweredAtMs { get; set; }
    public string? AnsweredBy { get; set; }
}
