namespace Classroom.LoadTool.Engine;

/// <summary>What one run does: how many players, how fast they join, how long they watch, what to sample.</summary>
public sealed record LoadSettings
{
    public int Players { get; init; } = 10;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Players start evenly spread over this span (0: all at once).</summary>
    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Joins in flight at once (each runs a DTLS handshake on its own worker).</summary>
    public int ConnectConcurrency { get; init; } = 32;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Wait after the publisher stops before sequence gaps are final (retransmissions may still arrive).</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Server process sampled for CPU and RSS (/proc/&lt;pid&gt;); null: not sampled.</summary>
    public int? ServerPid { get; init; }

    public byte AudioPayloadType { get; init; } = 111;

    /// <summary>Progress lines, one a second; null: quiet.</summary>
    public TextWriter? Progress { get; init; }
}
