using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03 §2.2): PSFB FMT 15,
/// media SSRC 0, FCI = "REMB" | Num SSRC (8) | BR Exp (6) | BR Mantissa (18) | SSRCs.
/// Bitrate = mantissa · 2^exp bits per second.
/// </summary>
public static class RtcpRemb
{
    private const uint Identifier = 0x52454D42; // "REMB"

    /// <summary>Reads a REMB: the bitrate and the FCI span holding the SSRC list.</summary>
    public static bool TryRead(in RtcpPacket packet, out uint senderSsrc, out ulong bitrate, out int ssrcCount, out ReadOnlySpan<byte> ssrcs)
    {
        senderSsrc = 0;
        bitrate = 0;
        ssrcCount = 0;
        ssrcs = default;
        if (!RtcpFeedbackHeader.TryRead(packet, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.ApplicationLayer, out RtcpFeedbackHeader header)
            || header.Fci.Length < 8
            || BinaryPrimitives.ReadUInt32BigEndian(header.Fci) != Identifier)
        {
            return false;
        }

        ReadOnlySpan<byte> fci = header.Fci;
        int count = fci[4];
        if (fci.Length < 8 + (count * 4))
        {
            return false;
        }

        int exponent = fci[5] >> 2;
        uint mantissa = ((uint)(fci[5] & 0x03) << 16) | BinaryPrimitives.ReadUInt16BigEndian(fci[6..]);
        senderSsrc = header.SenderSsrc;
        bitrate = (ulong)mantissa << exponent;
        ssrcCount = count;
        ssrcs = fci.Slice(8, count * 4);
        return true;
    }

    /// <summary>Writes a REMB; the bitrate is rounded down to what 18 bits of mantissa hold.</summary>
    public static int Write(Span<byte> destination, uint senderSsrc, ulong bitrate, ReadOnlySpan<uint> ssrcs)
    {
        if (ssrcs.Length > 255)
        {
            throw new ArgumentException("REMB names at most 255 SSRCs.", nameof(ssrcs));
        }

        int exponent = 0;
        while ((bitrate >> exponent) > 0x3FFFF && exponent < 63)
        {
            exponent++;
        }

        uint mantissa = (uint)(bitrate >> exponent);
        Span<byte> packet = RtcpFeedbackHeader.Write(destination, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.ApplicationLayer, senderSsrc, 0, 8 + (ssrcs.Length * 4));
        BinaryPrimitives.WriteUInt32BigEndian(packet[12..], Identifier);
        packet[16] = (byte)ssrcs.Length;
        packet[17] = (byte)((exponent << 2) | (int)(mantissa >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(packet[18..], (ushort)mantissa);
        for (int i = 0; i < ssrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet[(20 + (i * 4))..], ssrcs[i]);
        }

        return packet.Length;
    }
}
