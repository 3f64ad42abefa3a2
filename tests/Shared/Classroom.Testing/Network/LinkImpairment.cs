namespace Classroom.Testing.Network;

/// <summary>
/// What one direction of a leg suffers in the <see cref="ImpairmentRelay"/>: a fixed one-way
/// delay, a uniform jitter of ±<see cref="Jitter"/> around it (packets stay in order: a packet is
/// never released before the one received ahead of it), and random loss.
/// </summary>
public sealed record LinkImpairment(TimeSpan Delay, TimeSpan Jitter, double Loss)
{
    /// <summary>Forwarded at once, on the receiving thread: an unimpaired direction.</summary>
    public static LinkImpairment None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0);

    public bool IsNone => Delay <= TimeSpan.Zero && Jitter <= TimeSpan.Zero && Loss <= 0;

    public override string ToString() => $"delay {Delay.TotalMilliseconds} ms ±{Jitter.TotalMilliseconds} ms, loss {Loss:P1}";
}

/// <summary>Both directions of one client's leg: towards the target (up) and back (down).</summary>
public sealed record LegImpairment(LinkImpairment Upstream, LinkImpairment Downstream)
{
    public static LegImpairment None { get; } = new(LinkImpairment.None, LinkImpairment.None);

    /// <summary>The same impairment both ways, e.g. half the wanted round-trip time each way.</summary>
    public static LegImpairment Symmetric(TimeSpan oneWayDelay, TimeSpan jitter, double loss) =>
        new(new LinkImpairment(oneWayDelay, jitter, loss), new LinkImpairment(oneWayDelay, jitter, loss));
}
