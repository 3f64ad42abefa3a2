namespace Classroom.Hub.Store.Records;

/// <summary>A quiz the teacher pushed; options are kept as a JSON array of strings (never queried into).</summary>
public sealed class QuizRecord : IHubRecord
{
    public Guid Id { get; set; }
    public string LessonId { get; set; } = "";
    public string Prompt { get; set; } = "";
    public string OptionsJson { get; set; } = "[]";
    public int OptionCount { get; set; }
    public long MediaTimeMs { get; set; }
    public long OpenedAtMs { get; set; }
    public long? ClosedAtMs { get; set; }
    public string Author { get; set; } = "";
}
