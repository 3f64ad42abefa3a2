namespace Classroom.Hub.Store.Records;

/// <summary>A room's upvote of a question; one per (question, room) counts.</summary>
public sealed class QuestionVoteRecord : IHubRecord
{
    public Guid Id { get; set; }
    public string LessonId { get; set; } = "";
    public Guid QuestionId { get; set; }
    public long ClassroomId { get; set; }
    public long SchoolId { get; set; }
    public long ReceivedAtMs { get; set; }
    public string Author { get; set; } = "";
}
