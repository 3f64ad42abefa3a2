using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// Common part of RFC 4585 feedback (§6.1): packet sender SSRC, media source SSRC, then the
/// feedback control information (FCI) whose shape the FMT decides.
/// </summary>
public readonly ref struct RtcpFeedbackHeader
{
    private RtcpFeedbackHeader(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> fci)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        Fci = fci;
    }

    /// <summary>Who sends the feedback.</summary>
    public uint SenderSsrc { get; }

    /// <summary>Which stream it is about (0 for FIR and REMB, which name streams in the FCI).</summary>
    public uint MediaSsrc { get; }

    /// <summary>Feedback control information.</summary>
    public ReadOnlySpan<byte> Fci { get; }

    /// <summary>Reads the header of an RTPFB/PSFB with the given FMT.</summary>
    public static bool TryRead(in RtcpPacket packet, byte packetType, int format, out RtcpFeedbackHeader header)
    {
        header = default;
        if (packet.PacketType != packetType || packet.Format != format || packet.Body.Length < 8)
        {
            return false;
        }

        ReadOnlySpan<byte> body = packet.Body;
        header = new RtcpFeedbackHeader(
            BinaryPrimitives.ReadUInt32BigEndian(body),
            BinaryPrimitives.ReadUInt32BigEndian(body[4..]),
            body[8..]);
        return true;
    }

    /// <summary>Writes header + both SSRCs, leaving <paramref name="fciLength"/> bytes for the caller.</summary>
    internal static Span<byte> Write(Span<byte> destination, byte packetType, int format, uint senderSsrc, uint mediaSsrc, int fciLength)
    {
        Span<byte> packet = RtcpHeaderWriter.Begin(destination, format, packetType, 12 + fciLength);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], mediaSsrc);
        return packet;
    }
}
