using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Store;

/// <summary>
/// Keeps the least that works (ARCHITECTURE.md, privacy): once a day, absentee marks older than
/// <see cref="LessonHubOptions.AbsenteeNameRetention"/> lose the student's name. The mark itself
/// stays, so attendance counts in old reports do not change.
/// </summary>
public sealed class RetentionJob(IDbContextFactory<HubDbContext> contexts, IOptions<LessonHubOptions> options, TimeProvider time,
    ILogger<RetentionJob> logger) : BackgroundService
{
    public const string ErasedName = "—";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var edge = (time.GetUtcNow() - options.Value.AbsenteeNameRetention).ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Absentees.Where(a => a.ReceivedAtMs < edge && a.StudentName != ErasedName)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StudentName, ErasedName), ct).ConfigureAwait(false);
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
                    var erased = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                    if (erased > 0) HubLog.NamesErased(logger, erased);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    HubLog.StoreFailed(logger, e);
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
