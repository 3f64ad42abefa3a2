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
    /// <param name="english">The error's sentence in English (else Simplified Chinese, the default).</param>
    public static SolveJobView Of(SolveJob j, WeekSolveResult? result, bool english = false) => new(
        j.Id, j.AllianceId, j.From, j.To, j.State.ToString().ToLowerInvariant(), j.Progress,
        At(j.CreatedUtcTicks), j.StartedUtcTicks is { } s ? At(s) : null, j.FinishedUtcTicks is { } f ? At(f) : null,
        j.ErrorCode is null ? null : new SolveJobError(j.ErrorCode, Detail(j, english)), result);

    /// <summary>Known codes are told in the caller's language; an unexpected failure adds the stored (English) exception text.</summary>
    private static string Detail(SolveJob j, bool english) => (j.ErrorCode, english) switch
    {
        ("interrupted", false) => "排课进行中服务器停止了，请重新排课。",
        ("interrupted", true) => "The server stopped while this solve was running; solve again.",
        ("not_found", false) => $"联盟 {j.AllianceId} 已不存在。",
        ("not_found", true) => $"Alliance {j.AllianceId} does not exist any more.",
        ("district_solve_required", false) => "按区县的跨联盟政策，该联盟与其他联盟共享课程，请进行区县统一排课（POST /api/district/solve）。",
        ("district_solve_required", true) => "Under the district's cross-alliance policy this alliance shares lessons with others; solve the district (POST /api/district/solve).",
        (_, false) => $"排课出错：{j.ErrorDetail}",
        _ => $"The solve failed: {j.ErrorDetail}",
    };

    private static DateTimeOffset At(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}

/// <summary>Why a job failed: a stable code ("interrupted", "not_found", "failed") and a sentence.</summary>
public sealed record SolveJobError(string Code, string Detail);
