namespace Classroom.Scheduler.Domain;

/// <summary>A recording studio (录播室) of the lead school.</summary>
public sealed class Studio
{
    public long Id { get; set; }
    public long SchoolId { get; set; }
    public required string Name { get; set; }

    /// <summary>SHA-256 (hex) of the key a hardware recording host pushes RTMP/SRT with; null until an admin first makes one.</summary>
    public string? StreamKeyHash { get; set; }

    /// <summary>When the stream key was last rotated (UTC ticks), shown to admins.</summary>
    public long? StreamKeyRotatedUtcTicks { get; set; }
}
