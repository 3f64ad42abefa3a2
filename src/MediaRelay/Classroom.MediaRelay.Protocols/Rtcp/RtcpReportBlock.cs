using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// One reception report block (RFC 3550 §6.4.1), 24 bytes:
/// SSRC | fraction lost(8) cumulative lost(24, signed) | extended highest sequence |
/// interarrival jitter | last SR (LSR) | delay since last SR (DLSR, 1/65536 s).
/// </summary>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>Encoded size.</summary>
    public const int Length = 24;

    /// <summary>Reads a block from 24 bytes.</summary>
    public static RtcpReportBlock Read(ReadOnlySpan<byte> source)
    {
        uint lostWord = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        int cumulative = (int)(lostWord << 8) >> 8; // sign-extend the 24-bit field
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            (byte)(lostWord >> 24),
            cumulative,
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[20..]));
    }

    /// <summary>Writes the block into 24 bytes; cumulative loss is clamped to the 24-bit range.</summary>
    public void Write(Span<byte> destination)
    {
        int cumulative = Math.Clamp(CumulativeLost, -0x800000, 0x7FFFFF);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)cumulative & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }
}
