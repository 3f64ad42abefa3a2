namespace Classroom.Scheduler.Domain;

/// <summary>
/// A queued solve of one alliance's date range, run by the solve worker off the request thread.
/// Stored, so a restart still shows the last result; a job found running at start was cut short
/// by a crash and is marked failed.
/// </summary>
public sealed class SolveJob
{
    public long Id { get; set; }
    /// <summary>The alliance solved; 0 for a district-wide solve (<see cref="DistrictWide"/>).</summary>
    public long AllianceId { get; set; }

    /// <summary>Every alliance of the county in one problem, so rooms may take other alliances' lessons.</summary>
    public bool DistrictWide { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public SolveJobState State { get; set; }

    /// <summary>0..1: the stage reached (loading, solving, storing), not a time estimate.</summary>
    public double Progress { get; set; }

    public long CreatedUtcTicks { get; set; }
    public long? StartedUtcTicks { get; set; }
    public long? FinishedUtcTicks { get; set; }

    /// <summary>The stored run, once succeeded.</summary>
    public long? SolveRunId { get; set; }

    /// <summary>Stable error code ("interrupted", "alliance_gone", "failed") and a sentence, once failed.</summary>
    public string? ErrorCode { get; set; }
    public string? ErrorDetail { get; set; }
}

public enum SolveJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
