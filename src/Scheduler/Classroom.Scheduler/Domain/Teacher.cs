namespace Classroom.Scheduler.Domain;

public sealed class Teacher
{
    public long Id { get; set; }
    public long SchoolId { get; set; }
    public required string Name { get; set; }

    /// <summary>SHA-256 of the key in the teacher's calendar feed URL (<see cref="Tokens.SecretKeys"/>).</summary>
    public required string FeedKeyHash { get; set; }
}
