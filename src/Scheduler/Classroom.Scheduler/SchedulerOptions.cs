using System.ComponentModel.DataAnnotations;

namespace Classroom.Scheduler;

/// <summary>Scheduler settings, section "Scheduler".</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>EF Core connection string; default: SQLite file scheduler.db in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>"sqlite" (default) or "postgres".</summary>
    [Required]
    public string Provider { get; set; } = "sqlite";

    /// <summary>A room's period must cover at least this share of the lesson to be paired with it.</summary>
    [Range(0.05, 1.0)]
    public double MinOverlapShare { get; set; } = 0.8;

    /// <summary>Member rooms one lesson may carry (what one relay serves).</summary>
    [Range(1, 100_000)]
    public int RelayCapacityPerLesson { get; set; } = 200;

    [Range(1, 600)]
    public int SolveTimeLimitSeconds { get; set; } = 10;

    /// <summary>Largest accepted upload (CSV/xlsx import) in bytes.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxImportBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest accepted JSON body in bytes.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxJsonBytes { get; set; } = 1024 * 1024;

    /// <summary>Lifetime of lesson join tokens beyond the lesson's end.</summary>
    [Range(1, 24 * 60)]
    public int JoinTokenGraceMinutes { get; set; } = 30;

    /// <summary>Days pairings and solve runs are kept before the retention job deletes them.</summary>
    [Range(7, 3650)]
    public int RetentionDays { get; set; } = 400;

    /// <summary>
    /// Days a roster entry is kept after it was last written (roster replaced or re-imported).
    /// Schools import rosters every school year; an entry nobody confirmed for longer is stale
    /// minors' data and the retention job deletes it.
    /// </summary>
    [Range(30, 3650)]
    public int RosterRetentionDays { get; set; } = 400;

    /// <summary>Days an alliance keeps its lesson recordings unless it sets its own (alliance settings).</summary>
    [Range(1, 3650)]
    public int RecordingRetentionDays { get; set; } = 365;
}
