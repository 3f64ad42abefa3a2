namespace Classroom.Scheduler.Domain;

/// <summary>Who read or exported minors' data (rosters, exports), and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public long AtUtcTicks { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
}
