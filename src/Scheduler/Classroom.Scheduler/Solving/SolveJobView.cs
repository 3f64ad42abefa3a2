using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Solving;

/// <summary>
/// A solve job as the API shows it. <paramref name="State"/>: queued, running, succeeded or failed;
/// <paramref name="Progress"/> 0..1 by stage; <paramref name="Result"/> once succeeded (stats with
/// the solver status, uncovered demand with reasons, the run's pairings still stored);
/// <paramref name="Error"/> once failed.
/// </summary>
public sealed record SolveJobView(
    long Id, long AllianceId, DateOnly From, DateOnly To, string State, double Progress,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    SolveJobError? Error, WeekSolveResult? Result)
{
    public static SolveJobView Of(SolveJob j, WeekSolveResult? result) => new(
        j.Id, j.AllianceId, j.From, j.To, j.State.ToString().ToLowerInvariant(), j.Progress,
        At(j.CreatedUtcTicks), j.StartedUtcTicks is { } s ? At(s) : null, j.FinishedUtcTicks is { } f ? At(f) : null,
        j.ErrorCode is null ? null : new SolveJobError(j.ErrorCode, j.ErrorDetail ?? string.Empty), result);

    private static DateTimeOffset At(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}

/// <summary>Why a job failed: a stable code ("interrupted", "not_found", "failed") and a sentence.</summary>
public sealed record SolveJobError(string Code, string Detail);
