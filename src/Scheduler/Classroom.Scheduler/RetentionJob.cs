using Classroom.Scheduler.Data;
using Classroom.Scheduler.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler;

/// <summary>
/// Daily deletion of what is past its retention period (minors' data is kept no longer than
/// needed; attendance and recordings have their own jobs in the hub and relay): pairings and
/// solve runs and jobs after <see cref="SchedulerOptions.RetentionDays"/>, roster entries nobody wrote
/// (replaced or re-imported) for <see cref="SchedulerOptions.RosterRetentionDays"/>.
/// </summary>
public sealed class RetentionJob(IServiceProvider services, IOptions<SchedulerOptions> options, TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
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
        var now = clock.GetUtcNow();
        var cutoff = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-options.Value.RetentionDays);
        var pairings = await db.Pairings.Where(p => p.Date < cutoff).ExecuteDeleteAsync(ct);
        var runs = await db.SolveRuns.Where(r => r.To < cutoff).ExecuteDeleteAsync(ct);
        await db.SolveJobs.Where(j => j.To < cutoff).ExecuteDeleteAsync(ct);
        if (pairings + runs > 0) SchedulerLog.RetentionRan(logger, pairings, runs, cutoff);

        var rosterCutoff = now.AddDays(-options.Value.RosterRetentionDays);
        var rosterCutoffTicks = rosterCutoff.UtcTicks;
        var entries = await db.Roster.Where(r => r.UpdatedUtcTicks < rosterCutoffTicks).ExecuteDeleteAsync(ct);
        if (entries > 0) PrivacyLog.RosterRetentionRan(logger, entries, DateOnly.FromDateTime(rosterCutoff.UtcDateTime));
    }
}
