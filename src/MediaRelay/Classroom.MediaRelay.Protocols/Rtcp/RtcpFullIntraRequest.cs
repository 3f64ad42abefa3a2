using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// Full Intra Request (RFC 5104 §4.3.1): PSFB FMT 4, media SSRC 0, FCI entries of
/// SSRC | seq nr (8) | reserved (24). The command sequence number lets the sender tell a
/// repeated request from a new one.
/// </summary>
public static class RtcpFullIntraRequest
{
    /// <summary>Reads the header; FCI entries follow in <see cref="RtcpFeedbackHeader.Fci"/>.</summary>
    public static bool TryRead(in RtcpPacket packet, out RtcpFeedbackHeader header) =>
        RtcpFeedbackHeader.TryRead(packet, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.FullIntraRequest, out header)
        && header.Fci.Length >= 8 && header.Fci.Length % 8 == 0;

    /// <summary>Number of FCI entries.</summary>
    public static int EntryCount(in RtcpFeedbackHeader header) => header.Fci.Length / 8;

    /// <summary>Entry <paramref name="index"/>: target SSRC and command sequence number.</summary>
    public static (uint Ssrc, byte SequenceNumber) GetEntry(in RtcpFeedbackHeader header, int index)
    {
        ReadOnlySpan<byte> entry = header.Fci.Slice(index * 8, 8);
        return (BinaryPrimitives.ReadUInt32BigEndian(entry), entry[4]);
    }

    /// <summary>Writes a FIR for one stream; returns its length (20).</summary>
    public static int Write(Span<byte> destination, uint senderSsrc, uint targetSsrc, byte sequenceNumber)
    {
        Span<byte> packet = RtcpFeedbackHeader.Write(destination, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.FullIntraRequest, senderSsrc, 0, 8);
        BinaryPrimitives.WriteUInt32BigEndian(packet[12..], targetSsrc);
        packet[16] = sequenceNumber;
        packet[17] = 0;
        packet[18] = 0;
        packet[19] = 0;
        return packet.Length;
    }
}
