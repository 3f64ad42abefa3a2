namespace Classroom.LoadTool.Engine;

/// <summary>What one run does: how many players, how fast they join, how long they watch, what to sample.</summary>
public sealed record LoadSettings
{
    public int Players { get; init; } = 10;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Players start evenly spread over this span (0: all at once).</summary>
    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Joins in flight at once. High by default: each classroom is its own machine and does not wait
    /// for the others, so the tool must not queue joins itself (the shared client handshaker bounds
    /// the CPU the players' DTLS takes).
    /// </summary>
    public int ConnectConcurrency { get; init; } = 256;

    /// <summary>
    /// Epoll threads receiving for all players (0: each player its own async receive loop, as
    /// before). Default: one per core, at most 2 — on a shared 2-core machine one thread that the
    /// scheduler preempts would stall every player at once.
    /// </summary>
    public int ReceiveThreads { get; init; } = DefaultReceiveThreads;

    public static int DefaultReceiveThreads => EpollReceiver.IsSupported ? Math.Clamp(Environment.ProcessorCount, 1, 2) : 0;

    /// <summary>
    /// Client DTLS handshakes at once on the players' shared handshaker (one certificate for all
    /// players). As many as joins in flight: a client handshake mostly waits for the server, and a
    /// smaller bound queued joins in the tool whenever the server was slow to answer.
    /// </summary>
    public int ClientHandshakes { get; init; } = 256;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Wait after the publisher stops before sequence gaps are final (retransmissions may still arrive).</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Server process sampled for CPU and RSS (/proc/&lt;pid&gt;); null: not sampled.</summary>
    public int? ServerPid { get; init; }

    public byte AudioPayloadType { get; init; } = 111;

    /// <summary>Progress lines, one a second; null: quiet.</summary>
    public TextWriter? Progress { get; init; }
}
