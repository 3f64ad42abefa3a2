using System.Data.Common;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler.Solving;

/// <summary>
/// Runs queued solve jobs one at a time, oldest first (the solver already uses every core, so two
/// solves side by side would only slow each other; one at a time is also one per alliance).
/// At start, a job left running by a crash is marked failed ("interrupted"); queued jobs run.
/// On a clean stop a running job goes back to the queue.
/// </summary>
public sealed class SolveJobWorker(IServiceScopeFactory scopes, SolveJobQueue queue, TimeProvider clock, ILogger<SolveJobWorker> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
            var now = clock.GetUtcNow().UtcTicks;
            var interrupted = await db.SolveJobs.Where(j => j.State == SolveJobState.Running).ExecuteUpdateAsync(u => u
                .SetProperty(j => j.State, SolveJobState.Failed)
                .SetProperty(j => j.FinishedUtcTicks, now)
                .SetProperty(j => j.ErrorCode, "interrupted")
                .SetProperty(j => j.ErrorDetail, "The server stopped while this solve was running; solve again."), cancellationToken);
            if (interrupted > 0) SchedulerLog.SolveJobsInterrupted(logger, interrupted);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var next = await NextAsync(stoppingToken);
                if (next is null) await queue.WaitForWorkAsync(stoppingToken);
                else await RunAsync(next.Value, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or DbUpdateException)
            {
                // The store refused the worker's bookkeeping: it lives on and looks again shortly
                // (real time, not the calendar clock: this is a retry against the store).
                SchedulerLog.SolveWorkerStoreFailed(logger, e);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task<long?> NextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        return await db.SolveJobs.Where(j => j.State == SolveJobState.Queued).OrderBy(j => j.Id).Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);
    }

    private async Task RunAsync(long jobId, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var job = await db.SolveJobs.FirstAsync(j => j.Id == jobId, CancellationToken.None);
        job.State = SolveJobState.Running;
        job.StartedUtcTicks = clock.GetUtcNow().UtcTicks;
        job.Progress = 0.1;
        await db.SaveChangesAsync(CancellationToken.None);

        try
        {
            // The solve gets its own scope: its context tracks pairings, this one the job.
            await using var solveScope = scopes.CreateAsyncScope();
            var scheduling = solveScope.ServiceProvider.GetRequiredService<SchedulingService>();
            if (job.DistrictWide)
            {
                await scheduling.SolveDistrictAsync(job.Id, job.From, job.To, stoppingToken, p => ReportAsync(jobId, p));
                Finish(job, SolveJobState.Succeeded, null, null, null);
            }
            else
            {
                var result = await scheduling.SolveAsync(job.AllianceId, job.From, job.To, stoppingToken, p => ReportAsync(jobId, p));
                if (result is null) Finish(job, SolveJobState.Failed, null, "not_found", $"Alliance {job.AllianceId} does not exist any more.");
                else Finish(job, SolveJobState.Succeeded, result.SolveRunId, null, null);
            }
        }
        catch (DistrictSolveRequiredException e)
        {
            Finish(job, SolveJobState.Failed, null, "district_solve_required", e.Message); // the policy changed after it was queued
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            job.State = SolveJobState.Queued; // a clean stop: run it again at the next start
            job.StartedUtcTicks = null;
            job.Progress = 0;
        }
        catch (Exception e)
        {
            SchedulerLog.SolveJobFailed(logger, e, jobId, job.AllianceId);
            Finish(job, SolveJobState.Failed, null, "failed", e.Message);
        }

        // The outcome must land even if the store is briefly busy: a job left "running" would wait for a restart.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
            }
        }
    }

    private void Finish(SolveJob job, SolveJobState state, long? runId, string? code, string? detail)
    {
        job.State = state;
        job.SolveRunId = runId;
        job.Progress = state == SolveJobState.Succeeded ? 1 : job.Progress;
        job.FinishedUtcTicks = clock.GetUtcNow().UtcTicks;
        job.ErrorCode = code;
        job.ErrorDetail = detail is { Length: > 1000 } ? detail[..1000] : detail;
    }

    /// <summary>Writes the stage reached to the job's row; advisory, so a failed write only leaves an older value.</summary>
    private async Task ReportAsync(long jobId, double value)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
            await db.SolveJobs.Where(j => j.Id == jobId && j.State == SolveJobState.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.Progress, value));
        }
        catch (DbException e)
        {
            SchedulerLog.SolveJobProgressLost(logger, e, jobId);
        }
    }
}
