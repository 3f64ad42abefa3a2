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
            var next = await NextAsync(stoppingToken);
            if (next is null)
            {
                try { await queue.WaitForWorkAsync(stoppingToken); }
                catch (OperationCanceledException) { return; }
                continue;
            }

            await RunAsync(next.Value, stoppingToken);
        }
    }

    private async Task<long?> NextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        try
        {
            return await db.SolveJobs.Where(j => j.State == SolveJobState.Queued).OrderBy(j => j.Id).Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
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

        var progress = new StoredProgress(scopes, jobId);
        try
        {
            // The solve gets its own scope: its context tracks pairings, this one the job.
            await using var solveScope = scopes.CreateAsyncScope();
            var result = await solveScope.ServiceProvider.GetRequiredService<SchedulingService>()
                .SolveAsync(job.AllianceId, job.From, job.To, stoppingToken, progress);
            await progress.DrainAsync();
            if (result is null) Finish(job, SolveJobState.Failed, null, "not_found", $"Alliance {job.AllianceId} does not exist any more.");
            else Finish(job, SolveJobState.Succeeded, result.SolveRunId, null, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await progress.DrainAsync();
            job.State = SolveJobState.Queued; // a clean stop: run it again at the next start
            job.StartedUtcTicks = null;
            job.Progress = 0;
        }
        catch (Exception e)
        {
            await progress.DrainAsync();
            SchedulerLog.SolveJobFailed(logger, e, jobId, job.AllianceId);
            Finish(job, SolveJobState.Failed, null, "failed", e.Message);
        }

        await db.SaveChangesAsync(CancellationToken.None);
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

    /// <summary>Writes each stage reached to the job's row, in order, off the solving thread.</summary>
    private sealed class StoredProgress(IServiceScopeFactory scopes, long jobId) : IProgress<double>
    {
        private Task _last = Task.CompletedTask;
        private readonly Lock _gate = new();

        public void Report(double value)
        {
            lock (_gate) _last = _last.ContinueWith(_ => WriteAsync(value), TaskScheduler.Default).Unwrap();
        }

        public Task DrainAsync()
        {
            lock (_gate) return _last;
        }

        private async Task WriteAsync(double value)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
                await db.SolveJobs.Where(j => j.Id == jobId && j.State == SolveJobState.Running)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.Progress, value));
            }
            catch (Exception e) when (e is DbException or ObjectDisposedException or InvalidOperationException)
            {
                // Progress is advisory: a missed stage only shows an older value until the job ends.
            }
        }
    }
}
