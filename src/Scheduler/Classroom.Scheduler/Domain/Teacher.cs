namespace Classroom.Scheduler.Domain;

public sealed class Teacher
{
    public long Id { get; set; }
    public long SchoolId { get; set; }
    public required string Name { get; set; }

    /// <summary>Secret of the teacher's calendar feed URL.</summary>
    public required string FeedKey { get; set; }
}
