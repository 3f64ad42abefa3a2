using Classroom.Scheduler.Domain;
using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler.Data;

/// <summary>Records who read a roster or took an export (minors' data), in the store and the log.</summary>
public sealed class AuditLog(SchedulerDbContext db, TimeProvider clock, ILogger<AuditLog> logger)
{
    public async Task RecordAsync(string actor, string action, string target, CancellationToken ct)
    {
        db.Audit.Add(new AuditEntry { AtUtcTicks = clock.GetUtcNow().UtcTicks, Actor = actor, Action = action, Target = target });
        await db.SaveChangesAsync(ct);
        SchedulerLog.Audited(logger, actor, action, target);
    }
}
