namespace Classroom.Identity.Store;

/// <summary>One row of the append-only audit log: who (and as what), from where, did what to what, with which outcome.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public long AtUtcTicks { get; set; }

    /// <summary>"person:{id}", "device:{id}" or "anonymous".</summary>
    public required string Subject { get; set; }
    public required string Name { get; set; }

    /// <summary>The caller's grants at the time, e.g. "school-admin;a=1;s=3".</summary>
    public required string Scope { get; set; }
    public required string ClientAddress { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public required string Outcome { get; set; }
    public int Status { get; set; }
}
