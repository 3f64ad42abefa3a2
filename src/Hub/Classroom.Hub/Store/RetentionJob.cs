using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Store;

/// <summary>
/// Keeps the least that works (ARCHITECTURE.md, privacy; docs/privacy.md), once a day:
/// <list type="bullet">
/// <item>every lesson record (check-ins, absentee marks, questions and votes, raised hands, stage
/// calls, quizzes and answers, presence, the lesson's room snapshot) older than
/// <see cref="LessonHubOptions.RecordRetention"/> is deleted;</item>
/// <item>absentee marks older than <see cref="LessonHubOptions.AbsenteeNameRetention"/> lose the
/// student's name. The mark itself stays, so attendance counts in old reports do not change.</item>
/// </list>
/// Age is each row's own time (received, opened, called, last seen, lesson end): rows are written
/// during their lesson, so this is the lesson's age within its length, and it needs no lesson
/// lookup for records whose lesson has no snapshot.
/// </summary>
public sealed class RetentionJob(IDbContextFactory<HubDbContext> contexts, IOptions<LessonHubOptions> options, TimeProvider time,
    ILogger<RetentionJob> logger) : BackgroundService
{
    public const string ErasedName = "—";

    public async Task<RetentionRun> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var records = await DeleteExpiredRecordsAsync((now - options.Value.RecordRetention).ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        var names = await EraseOldNamesAsync((now - options.Value.AbsenteeNameRetention).ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        return new RetentionRun(names, records);
    }

    private async Task<int> EraseOldNamesAsync(long edge, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        // The erased marker is stored unencrypted (it names nobody), so this comparison works in SQL.
        return await db.Absentees.Where(a => a.ReceivedAtMs < edge && a.StudentName != ErasedName)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StudentName, ErasedName), ct).ConfigureAwait(false);
    }

    private async Task<int> DeleteExpiredRecordsAsync(long edge, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var deleted = await db.CheckIns.Where(r => r.ReceivedAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        deleted += await db.Absentees.Where(r => r.ReceivedAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        deleted += await db.QuestionVotes.Where(r => r.ReceivedAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        deleted += await db.Questions.Where(r => r.ReceivedAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        deleted += await db.Hands.Where(r => r.ReceivedAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        deleted += await db.StageCalls.Where(r => r.CalledAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        deleted += await db.QuizAnswers.Where(r => r.ReceivedAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        deleted += await db.Quizzes.Where(r => r.OpenedAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        deleted += await db.Presence.Where(r => r.LastSeenAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        deleted += await db.LessonRooms.Where(r => r.EndsAtMs < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
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
                    var run = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                    if (run.RecordsDeleted > 0) RetentionLog.RecordsDeleted(logger, run.RecordsDeleted);
                    if (run.NamesErased > 0) HubLog.NamesErased(logger, run.NamesErased);
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

/// <summary>What one run of the <see cref="RetentionJob"/> did.</summary>
public readonly record struct RetentionRun(int NamesErased, int RecordsDeleted);
