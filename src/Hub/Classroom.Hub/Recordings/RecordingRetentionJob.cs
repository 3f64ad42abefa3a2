using Classroom.Contracts.Access;
using Classroom.Contracts.Recordings;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Once a day (and at start), deletes recordings older than their alliance's retention
/// (<see cref="IRecordingPolicy.RetentionDaysAsync"/> when the scheduler runs in this process,
/// else <see cref="LessonHubOptions.RecordingRetentionDays"/>, 365). Age is counted from the
/// recording's end (its start while it never finished). Every deletion is audited as
/// "recording.delete" by the system.
/// </summary>
public sealed class RecordingRetentionJob(IDbContextFactory<HubDbContext> contexts, RecordingDeleter deleter, IServiceProvider services,
    IOptions<LessonHubOptions> options, TimeProvider time, ILogger<RecordingRetentionJob> logger) : BackgroundService
{
    /// <summary>Runs one pass; returns the ids it deleted.</summary>
    public async Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken ct)
    {
        var policy = services.GetService<IRecordingPolicy>();
        var audit = services.GetService<IAuditTrail>();
        var now = time.GetUtcNow();
        List<(string Id, long? Alliance, long Age)> rows;
        await using (var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            rows = (await db.Recordings.AsNoTracking().Where(r => r.State != RecordingStates.Deleted)
                    .Select(r => new { r.Id, r.AllianceId, r.StartedAtMs, r.EndedAtMs }).ToListAsync(ct).ConfigureAwait(false))
                .Select(r => (r.Id, r.AllianceId, r.EndedAtMs ?? r.StartedAtMs)).ToList();
        }

        var days = new Dictionary<long, int>();
        var deleted = new List<string>();
        foreach (var (id, alliance, at) in rows)
        {
            var keep = options.Value.RecordingRetentionDays;
            if (alliance is { } a && policy is not null)
            {
                if (!days.TryGetValue(a, out keep)) days[a] = keep = await policy.RetentionDaysAsync(a, ct).ConfigureAwait(false) ?? options.Value.RecordingRetentionDays;
            }

            if (at >= (now - TimeSpan.FromDays(keep)).ToUnixTimeMilliseconds()) continue;
            if (!await deleter.DeleteAsync(id, ct).ConfigureAwait(false)) continue;
            deleted.Add(id);
            RecordingsLog.RetentionDeleted(logger, id, keep);
            if (audit is not null) await audit.RecordAsync("recording.delete", $"{id}:retention {keep} days", AuditOutcome.Succeeded, ct).ConfigureAwait(false);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    RecordingsLog.RetentionFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
