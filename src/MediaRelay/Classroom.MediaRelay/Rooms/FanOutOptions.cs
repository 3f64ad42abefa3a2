namespace Classroom.MediaRelay.Rooms;

/// <summary>How the fan-out queues and paces packets per player (docs/relay.md "Fan-out core").</summary>
internal sealed record FanOutOptions
{
    public static FanOutOptions Default { get; } = new();

    /// <summary>Ring slots per room (power of two): ≈ 10 s of a 1 Mbit/s lesson, 3–4 s of 720p simulcast.</summary>
    public int RingPackets { get; init; } = 4096;

    /// <summary>
    /// A player further behind than this many packets (CPU overload, a stalled TCP path) stops
    /// growing its delay: it drops its backlog and waits for the next keyframe.
    /// </summary>
    public int MaxQueuedPackets { get; init; } = 2048;

    /// <summary>A joining player replays at most this many packets from the last keyframe; older picture groups wait for a fresh keyframe.</summary>
    public int MaxJoinBacklog { get; init; } = 1500;

    /// <summary>Within this many packets of live a player is "live": everything goes out at once, audio included.</summary>
    public int LiveWindow { get; init; } = 64;

    /// <summary>Catch-up (picture-group replay to a joiner) pace; 0 = unpaced.</summary>
    public long CatchUpBitsPerSecond { get; init; } = 16_000_000;

    /// <summary>Bytes a catching-up player may get at once (covers a keyframe of a 1–2 Mbit/s stream).</summary>
    public int CatchUpBurstBytes { get; init; } = 64 * 1024;

    /// <summary>SCHED_FIFO priority of the worker threads when allowed (0 = normal scheduling); see <see cref="Transport.MediaThreadPriority"/>.</summary>
    public int RealtimePriority { get; init; }

    /// <summary>Fan-out worker threads; 0 = run inline on the receiving thread (tests and benchmarks).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);
}
