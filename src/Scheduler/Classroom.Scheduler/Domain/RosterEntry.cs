namespace Classroom.Scheduler.Domain;

/// <summary>
/// A student on a class roster, kept minimal (minors' data): a display name and the school's own
/// student number, nothing else. The name is encrypted at rest (docs/privacy.md).
/// </summary>
public sealed class RosterEntry
{
    public long Id { get; set; }
    public long ClassroomId { get; set; }

    /// <summary>The school-scoped id (学号) the school uses; unique within the classroom's school.</summary>
    public required string SchoolStudentId { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>When the entry was last written (UTC ticks); the retention job deletes entries nobody re-imported for a year.</summary>
    public long UpdatedUtcTicks { get; set; }
}
