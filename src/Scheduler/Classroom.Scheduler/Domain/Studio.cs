namespace Classroom.Scheduler.Domain;

/// <summary>A recording studio (录播室) of the lead school.</summary>
public sealed class Studio
{
    public long Id { get; set; }
    public long SchoolId { get; set; }
    public required string Name { get; set; }
}
