using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Classroom.Scheduler.Data;

/// <summary>Healthy when the scheduler's database answers.</summary>
public sealed class SchedulerDbHealthCheck(SchedulerDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The scheduler database does not answer.");
}
