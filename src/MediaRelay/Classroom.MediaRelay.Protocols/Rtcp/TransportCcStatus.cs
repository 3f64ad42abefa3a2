namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>Packet status symbols of transport-wide CC feedback (draft-holmer-…-01 §3.1.1).</summary>
public enum TransportCcStatus : byte
{
    /// <summary>Not received; no delta follows.</summary>
    NotReceived = 0,

    /// <summary>Received, delta in one unsigned byte (0..63.75 ms).</summary>
    SmallDelta = 1,

    /// <summary>Received, delta in two signed bytes (negative or large).</summary>
    LargeOrNegativeDelta = 2,
}

/// <summary>
/// One packet's fate in a feedback message. <see cref="DeltaTicks"/> is the receive-time
/// difference from the previous received packet (or the reference time) in 250 µs ticks.
/// </summary>
public readonly record struct TransportCcPacket(ushort SequenceNumber, TransportCcStatus Status, int DeltaTicks)
{
    /// <summary>True for either received status.</summary>
    public bool Received => Status != TransportCcStatus.NotReceived;
}
