using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler;

internal static partial class SchedulerLog
{
    [LoggerMessage(1, LogLevel.Information, "Solved alliance {AllianceId} for {From}..{To}: {Covered}/{Demanded} lessons covered in {ElapsedMs} ms")]
    public static partial void Solved(ILogger logger, long allianceId, DateOnly from, DateOnly to, int covered, int demanded, double elapsedMs);

    [LoggerMessage(2, LogLevel.Information, "Created join-token signing key in {Folder}")]
    public static partial void KeyCreated(ILogger logger, string folder);

    [LoggerMessage(3, LogLevel.Information, "Seeded demo alliance {AllianceId} ({Schools} schools)")]
    public static partial void DemoSeeded(ILogger logger, long allianceId, int schools);

    [LoggerMessage(4, LogLevel.Information, "Audit: {Actor} {Action} {Target}")]
    public static partial void Audited(ILogger logger, string actor, string action, string target);

    [LoggerMessage(5, LogLevel.Information, "Imported {Kind} into alliance {AllianceId}: {Rows} rows")]
    public static partial void Imported(ILogger logger, string kind, long allianceId, int rows);

    [LoggerMessage(6, LogLevel.Information, "Retention removed {Pairings} pairings and {Runs} solve runs older than {Cutoff}")]
    public static partial void RetentionRan(ILogger logger, int pairings, int runs, DateOnly cutoff);

    [LoggerMessage(7, LogLevel.Warning, "Background solve of alliance {AllianceId} failed")]
    public static partial void BackgroundSolveFailed(ILogger logger, Exception exception, long allianceId);

    [LoggerMessage(8, LogLevel.Information, "Upgraded the store's link keys: {Classrooms} classroom and {Teachers} teacher keys now kept as hashes, the clear ones removed")]
    public static partial void LinkKeysHashed(ILogger logger, int classrooms, int teachers);

    [LoggerMessage(9, LogLevel.Warning, "Marked {Jobs} solve job(s) failed: the server stopped while they ran")]
    public static partial void SolveJobsInterrupted(ILogger logger, int jobs);

    [LoggerMessage(10, LogLevel.Warning, "Solve job {JobId} of alliance {AllianceId} failed")]
    public static partial void SolveJobFailed(ILogger logger, Exception exception, long jobId, long allianceId);

    [LoggerMessage(11, LogLevel.Debug, "Progress of solve job {JobId} not stored")]
    public static partial void SolveJobProgressLost(ILogger logger, Exception exception, long jobId);

    [LoggerMessage(12, LogLevel.Error, "The solve worker could not read or write the store; it tries again")]
    public static partial void SolveWorkerStoreFailed(ILogger logger, Exception exception);
}
