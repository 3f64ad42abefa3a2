using System.Buffers.Binary;
using Classroom.MediaRelay.Protocols.Internal;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// Encodes transport-cc feedback (draft-holmer-…-01 §3.1). Statuses come from the deltas
/// (0..255 ticks → small, else large); chunks are run-length for runs of 7 or more identical
/// statuses and status vectors otherwise (one-bit when the next 14 hold no large delta). Padding
/// to 32 bits uses the RTCP P bit, as libwebrtc does.
/// </summary>
public static class TransportCcWriter
{
    /// <summary>Upper bound of the packet size for <paramref name="packetCount"/> packets.</summary>
    public static int MaxLength(int packetCount) => 12 + 8 + (2 * packetCount) + (2 * packetCount) + 4;

    /// <summary>
    /// Writes feedback for consecutive sequence numbers from <paramref name="baseSequence"/>;
    /// <paramref name="packets"/>[i] describes baseSequence + i (its SequenceNumber and Status are
    /// ignored: Status is derived from Received and DeltaTicks). Returns the packet length.
    /// </summary>
    public static int Write(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ushort baseSequence, int referenceTime, byte feedbackPacketCount, ReadOnlySpan<TransportCcPacket> packets)
    {
        if (packets.Length is 0 or > ushort.MaxValue)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(packets), "Feedback describes 1..65535 packets.");
        }

        if (destination.Length < MaxLength(packets.Length))
        {
            ThrowHelper.DestinationTooSmall(nameof(destination));
        }

        // Body first, at offset 20; the header goes in once the length is known.
        Span<byte> body = destination[12..];
        BinaryPrimitives.WriteUInt16BigEndian(body, baseSequence);
        BinaryPrimitives.WriteUInt16BigEndian(body[2..], (ushort)packets.Length);
        BinaryPrimitives.WriteUInt32BigEndian(body[4..], ((uint)referenceTime << 8) | feedbackPacketCount);
        int offset = 8;
        int i = 0;
        while (i < packets.Length)
        {
            TransportCcStatus first = StatusOf(packets[i]);
            int run = 1;
            while (i + run < packets.Length && run < 0x1FFF && StatusOf(packets[i + run]) == first)
            {
                run++;
            }

            ushort chunk;
            if (run >= 7)
            {
                chunk = (ushort)(((int)first << 13) | run);
                i += run;
            }
            else if (FitsOneBit(packets, i))
            {
                chunk = 0x8000;
                for (int s = 0; s < 14 && i < packets.Length; s++, i++)
                {
                    chunk |= (ushort)((int)StatusOf(packets[i]) << (13 - s));
                }
            }
            else
            {
                chunk = 0xC000;
                for (int s = 0; s < 7 && i < packets.Length; s++, i++)
                {
                    chunk |= (ushort)((int)StatusOf(packets[i]) << (2 * (6 - s)));
                }
            }

            BinaryPrimitives.WriteUInt16BigEndian(body[offset..], chunk);
            offset += 2;
        }

        foreach (TransportCcPacket packet in packets)
        {
            switch (StatusOf(packet))
            {
                case TransportCcStatus.SmallDelta:
                    body[offset++] = (byte)packet.DeltaTicks;
                    break;
                case TransportCcStatus.LargeOrNegativeDelta:
                    BinaryPrimitives.WriteInt16BigEndian(body[offset..], (short)Math.Clamp(packet.DeltaTicks, short.MinValue, short.MaxValue));
                    offset += 2;
                    break;
            }
        }

        int unpadded = 12 + offset;
        int length = (unpadded + 3) & ~3;
        int padding = length - unpadded;
        RtcpFeedbackHeader.Write(destination, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.TransportCc, senderSsrc, mediaSsrc, length - 12);
        if (padding > 0)
        {
            destination.Slice(unpadded, padding).Clear();
            destination[length - 1] = (byte)padding;
            destination[0] |= 0x20;
        }

        return length;
    }

    private static TransportCcStatus StatusOf(in TransportCcPacket packet) =>
        !packet.Received ? TransportCcStatus.NotReceived
        : packet.DeltaTicks is >= 0 and <= 255 ? TransportCcStatus.SmallDelta
        : TransportCcStatus.LargeOrNegativeDelta;

    private static bool FitsOneBit(ReadOnlySpan<TransportCcPacket> packets, int start)
    {
        int end = Math.Min(packets.Length, start + 14);
        for (int i = start; i < end; i++)
        {
            if (StatusOf(packets[i]) == TransportCcStatus.LargeOrNegativeDelta)
            {
                return false;
            }
        }

        return true;
    }
}
