namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Retransmission cache and NACK settings of a room (docs/relay.md "Loss recovery").
/// </summary>
internal sealed record LossRecoveryOptions
{
    public static LossRecoveryOptions Default { get; } = new();

    /// <summary>Spacing of repeated NACKs to the publisher when no RTT is known (RFC 4585 §3.5.3).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>NACKs sent for one lost packet, the first included.</summary>
    public int MaxNacksPerPacket { get; init; } = 4;

    /// <summary>A packet still missing this long after the gap was seen is given up.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Lost packets tracked at once; a larger gap is a stream jump, not loss.</summary>
    public int MaxMissing { get; init; } = 256;
}
