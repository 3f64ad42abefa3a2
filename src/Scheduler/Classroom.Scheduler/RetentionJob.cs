using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler;

/// <summary>
/// Daily deletion of pairings and solve runs past the retention period (minors' data is kept no
/// longer than needed; attendance and recordings have their own jobs in the hub and relay).
/// </summary>
internal sealed class RetentionJob(IServiceProvider services, IOptions<SchedulerOptions> options, TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24), clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var cutoff = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-options.Value.RetentionDays);
        var pairings = await db.Pairings.Where(p => p.Date < cutoff).ExecuteDeleteAsync(ct);
        var runs = await db.SolveRuns.Where(r => r.To < cutoff).ExecuteDeleteAsync(ct);
        if (pairings + runs > 0) SchedulerLog.RetentionRan(logger, pairings, runs, cutoff);
    }
}
