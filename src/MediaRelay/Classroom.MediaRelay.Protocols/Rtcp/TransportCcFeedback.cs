using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
/// §3.1), RTPFB FMT 15:
/// <code>
/// |      base sequence number     |      packet status count      |
/// |                 reference time                | fb pkt. count |
/// |          packet chunk         |         packet chunk          |  ...
/// |         recv delta            |  recv delta   | zero padding  |  ...
/// </code>
/// Chunks are run-length (T=0: status(2) run(13)) or status vectors (T=1: S=0 → 14 one-bit
/// symbols, S=1 → 7 two-bit symbols). Reference time is a signed 24-bit count of 64 ms.
/// </summary>
public readonly ref struct TransportCcFeedback
{
    private TransportCcFeedback(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> fci)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        Fci = fci;
    }

    /// <summary>Feedback sender.</summary>
    public uint SenderSsrc { get; }

    /// <summary>Media source (browsers put one of the sender's SSRCs or 0 here).</summary>
    public uint MediaSsrc { get; }

    /// <summary>Raw FCI.</summary>
    public ReadOnlySpan<byte> Fci { get; }

    /// <summary>Transport-wide sequence number of the first packet described.</summary>
    public ushort BaseSequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(Fci);

    /// <summary>Number of packets described.</summary>
    public int PacketStatusCount => BinaryPrimitives.ReadUInt16BigEndian(Fci[2..]);

    /// <summary>Reference time in multiples of 64 ms (signed 24 bits).</summary>
    public int ReferenceTime => (int)(BinaryPrimitives.ReadUInt32BigEndian(Fci[4..]) & 0xFFFFFF00) >> 8;

    /// <summary>Feedback packet counter, to detect lost feedback.</summary>
    public byte FeedbackPacketCount => Fci[7];

    /// <summary>Reads the fixed fields; <see cref="TryGetPackets"/> decodes the rest.</summary>
    public static bool TryRead(in RtcpPacket packet, out TransportCcFeedback feedback)
    {
        feedback = default;
        if (!RtcpFeedbackHeader.TryRead(packet, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.TransportCc, out RtcpFeedbackHeader header)
            || header.Fci.Length < 8)
        {
            return false;
        }

        feedback = new TransportCcFeedback(header.SenderSsrc, header.MediaSsrc, header.Fci);
        return true;
    }

    /// <summary>
    /// Decodes statuses and deltas into <paramref name="destination"/> (needs
    /// <see cref="PacketStatusCount"/> entries). False when chunks or deltas run past the end,
    /// a reserved symbol appears, or the destination is too small.
    /// </summary>
    public bool TryGetPackets(Span<TransportCcPacket> destination, out int count)
    {
        count = 0;
        int total = PacketStatusCount;
        if (destination.Length < total)
        {
            return false;
        }

        ReadOnlySpan<byte> fci = Fci;
        int offset = 8;
        int described = 0;
        while (described < total)
        {
            if (offset + 2 > fci.Length)
            {
                return false;
            }

            ushort chunk = BinaryPrimitives.ReadUInt16BigEndian(fci[offset..]);
            offset += 2;
            if ((chunk & 0x8000) == 0)
            {
                var status = (TransportCcStatus)((chunk >> 13) & 0x03);
                int run = chunk & 0x1FFF;
                if ((int)status == 3)
                {
                    return false;
                }

                for (int i = 0; i < run && described < total; i++)
                {
                    destination[described++] = new TransportCcPacket(0, status, 0);
                }
            }
            else
            {
                bool twoBit = (chunk & 0x4000) != 0;
                int symbols = twoBit ? 7 : 14;
                for (int i = 0; i < symbols && described < total; i++)
                {
                    int value = twoBit ? (chunk >> (2 * (6 - i))) & 0x03 : (chunk >> (13 - i)) & 0x01;
                    if (value == 3)
                    {
                        return false;
                    }

                    destination[described++] = new TransportCcPacket(0, (TransportCcStatus)value, 0);
                }
            }
        }

        ushort sequence = BaseSequenceNumber;
        for (int i = 0; i < total; i++, sequence++)
        {
            TransportCcStatus status = destination[i].Status;
            int delta = 0;
            if (status == TransportCcStatus.SmallDelta)
            {
                if (offset + 1 > fci.Length)
                {
                    return false;
                }

                delta = fci[offset++];
            }
            else if (status == TransportCcStatus.LargeOrNegativeDelta)
            {
                if (offset + 2 > fci.Length)
                {
                    return false;
                }

                delta = BinaryPrimitives.ReadInt16BigEndian(fci[offset..]);
                offset += 2;
            }

            destination[i] = new TransportCcPacket(sequence, status, delta);
        }

        count = total;
        return true;
    }
}
