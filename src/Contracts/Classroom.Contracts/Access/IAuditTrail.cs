namespace Classroom.Contracts.Access;

/// <summary>Whether the audited action went through.</summary>
public enum AuditOutcome
{
    Succeeded,
    Refused,
    Failed,
}

/// <summary>
/// The append-only audit log (kept by the identity component). Callers say what happened; the
/// implementation adds who (subject, role and scope), the real client address and the time.
/// Every state change is recorded by the authorization layer itself; components call this for
/// reads of minors' data (rosters, attendance with names, exports, recordings).
/// </summary>
public interface IAuditTrail
{
    Task RecordAsync(string action, string target, AuditOutcome outcome, CancellationToken cancellationToken);
}
