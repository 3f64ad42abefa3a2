using System.ComponentModel.DataAnnotations;

namespace Classroom.Hub;

/// <summary>Settings of the hub role (section "Hub"). Every value has a default that works in the all-in-one process.</summary>
public sealed class LessonHubOptions
{
    public const string Section = "Hub";

    /// <summary>Redis connection string for the SignalR backplane; empty = single node, in-memory fan-out.</summary>
    public string? Redis { get; set; }

    /// <summary>EF Core connection string for the record store; empty = SQLite file &lt;data&gt;/hub.db (required for PostgreSQL).</summary>
    public string? StoreConnectionString { get; set; }

    /// <summary>"sqlite" (default) or "postgres": the provider of <see cref="StoreConnectionString"/>.</summary>
    [Required]
    public string StoreProvider { get; set; } = "sqlite";

    /// <summary>Where the scheduler runs; empty = this server's own address (all-in-one process).</summary>
    public string? SchedulerBaseUrl { get; set; }

    /// <summary>Optional JSON file of <c>LessonRosterDto[]</c> used instead of the scheduler (offline demos, tests).</summary>
    public string? LessonDirectoryFile { get; set; }

    /// <summary>Folder holding keys/join-token-signing.pub.pem; set by AddLessonHub from the data folder.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>A reconnect within this time continues the same presence interval.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often clients call Heartbeat; an interval with no heartbeat for 3× this is closed at its last one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest SignalR message accepted (bytes); larger ones close the connection (SignalR's own limit).</summary>
    [Range(1024, 1024 * 1024)]
    public int MaximumReceiveMessageSize { get; set; } = 32 * 1024;

    /// <summary>Token-bucket size per join token (calls).</summary>
    [Range(1, 100_000)]
    public int RateLimitBurst { get; set; } = 40;

    /// <summary>Calls per second refilled into each token's bucket.</summary>
    [Range(1, 100_000)]
    public int RateLimitPerSecond { get; set; } = 10;

    /// <summary>How far past the scheduled end (and before the start) a record's media time may lie.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan MediaTimeSlack { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Absentee names (minors' data) are erased from records older than this; the marks and counts stay.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan AbsenteeNameRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Lesson records (check-ins, absentee marks, questions, quizzes and answers, hands, stage calls, presence) are deleted after this.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan RecordRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Days a recording is kept when the alliance's policy says nothing (docs/replay.md).</summary>
    [Range(1, 36500)]
    public int RecordingRetentionDays { get; set; } = 365;

    /// <summary>
    /// Refused media requests (bad or expired signature, bad path, deleted recording) one client
    /// address may make per minute before it gets 429 without an audit entry: a scanner cannot grow
    /// the audit log, while a whole school behind one address playing valid URLs is never limited.
    /// </summary>
    [Range(1, 100_000)]
    public int MediaRefusalsPerMinute { get; set; } = 20;

    /// <summary>How long a signed replay URL (and the live HLS URL) stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ReplayUrlLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a roster fetched from the scheduler is reused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RosterCacheTime { get; set; } = TimeSpan.FromSeconds(60);
}
