using System.Threading.Channels;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Scheduler.Solving;

/// <summary>
/// Queues solves as stored jobs and wakes the worker. A request for an alliance and range that
/// already has a queued or running job gets that job, so double clicks and a second admin do
/// not queue the same work twice.
/// </summary>
public sealed class SolveJobQueue(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly SemaphoreSlim _enqueue = new(1, 1);
    private readonly Channel<long> _wake = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The queued job, or the pending one for the same alliance and range (Created false).</summary>
    /// <param name="allianceId">The alliance, or 0 with <paramref name="districtWide"/> for every alliance of the county in one problem.</param>
    public async Task<(SolveJob Job, bool Created)> EnqueueAsync(long allianceId, DateOnly from, DateOnly to, CancellationToken ct, bool districtWide = false)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        await _enqueue.WaitAsync(ct);
        try
        {
            var pending = await Pending(db, districtWide ? 0 : allianceId, from, to).Where(j => j.DistrictWide == districtWide).FirstOrDefaultAsync(ct);
            if (pending is not null) return (pending, false);
            var job = new SolveJob
            {
                AllianceId = districtWide ? 0 : allianceId, DistrictWide = districtWide, From = from, To = to,
                State = SolveJobState.Queued, CreatedUtcTicks = clock.GetUtcNow().UtcTicks,
            };
            db.SolveJobs.Add(job);
            await db.SaveChangesAsync(ct);
            _wake.Writer.TryWrite(job.Id);
            return (job, true);
        }
        finally
        {
            _enqueue.Release();
        }
    }

    /// <summary>The queued or running job of that alliance and range, if any.</summary>
    public static IQueryable<SolveJob> Pending(SchedulerDbContext db, long allianceId, DateOnly from, DateOnly to) =>
        db.SolveJobs.AsNoTracking()
            .Where(j => j.AllianceId == allianceId && j.From == from && j.To == to && (j.State == SolveJobState.Queued || j.State == SolveJobState.Running))
            .OrderBy(j => j.Id);

    /// <summary>Completes when a job was queued since the last call (or at once if one was).</summary>
    internal ValueTask<long> WaitForWorkAsync(CancellationToken ct) => _wake.Reader.ReadAsync(ct);
}
