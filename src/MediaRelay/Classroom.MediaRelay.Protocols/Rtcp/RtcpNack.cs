using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// Generic NACK (RFC 4585 §6.2.1). Each FCI entry is PID (a lost sequence number) and BLP, a
/// bitmask whose bit i means PID+i+1 is lost too, so one entry covers up to 17 packets.
/// <code>
/// |            PID                |             BLP               |
/// </code>
/// </summary>
public static class RtcpNack
{
    /// <summary>Most sequence numbers one FCI entry can name.</summary>
    public const int MaxPerEntry = 17;

    /// <summary>Reads the feedback header of a generic NACK.</summary>
    public static bool TryRead(in RtcpPacket packet, out RtcpFeedbackHeader header) =>
        RtcpFeedbackHeader.TryRead(packet, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.GenericNack, out header)
        && header.Fci.Length % 4 == 0;

    /// <summary>Upper bound of sequence numbers in an FCI (size the destination with it).</summary>
    public static int MaxSequenceNumbers(ReadOnlySpan<byte> fci) => fci.Length / 4 * MaxPerEntry;

    /// <summary>Expands the FCI into lost sequence numbers; returns how many were written.</summary>
    public static int GetLostSequenceNumbers(ReadOnlySpan<byte> fci, Span<ushort> destination)
    {
        int count = 0;
        for (int offset = 0; offset + 4 <= fci.Length; offset += 4)
        {
            ushort pid = BinaryPrimitives.ReadUInt16BigEndian(fci[offset..]);
            ushort blp = BinaryPrimitives.ReadUInt16BigEndian(fci[(offset + 2)..]);
            if (count == destination.Length)
            {
                return count;
            }

            destination[count++] = pid;
            for (int bit = 0; bit < 16 && blp != 0; bit++)
            {
                if ((blp & (1 << bit)) != 0)
                {
                    if (count == destination.Length)
                    {
                        return count;
                    }

                    destination[count++] = (ushort)(pid + bit + 1);
                }
            }
        }

        return count;
    }

    /// <summary>Bytes <see cref="Write"/> needs for these sequence numbers.</summary>
    public static int GetWriteLength(ReadOnlySpan<ushort> lost) => 12 + (CountEntries(lost) * 4);

    /// <summary>
    /// Writes a NACK for <paramref name="lost"/> (in ascending order, modulo wrap), packing runs
    /// within 16 of an entry's PID into its BLP; returns the packet length.
    /// </summary>
    public static int Write(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<ushort> lost)
    {
        int entries = CountEntries(lost);
        Span<byte> packet = RtcpFeedbackHeader.Write(destination, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.GenericNack, senderSsrc, mediaSsrc, entries * 4);
        int offset = 12;
        int i = 0;
        while (i < lost.Length)
        {
            ushort pid = lost[i++];
            ushort blp = 0;
            while (i < lost.Length && (ushort)(lost[i] - pid) is >= 1 and <= 16)
            {
                blp |= (ushort)(1 << ((ushort)(lost[i] - pid) - 1));
                i++;
            }

            BinaryPrimitives.WriteUInt16BigEndian(packet[offset..], pid);
            BinaryPrimitives.WriteUInt16BigEndian(packet[(offset + 2)..], blp);
            offset += 4;
        }

        return packet.Length;
    }

    private static int CountEntries(ReadOnlySpan<ushort> lost)
    {
        int entries = 0;
        int i = 0;
        while (i < lost.Length)
        {
            ushort pid = lost[i++];
            while (i < lost.Length && (ushort)(lost[i] - pid) is >= 1 and <= 16)
            {
                i++;
            }

            entries++;
        }

        return entries;
    }
}
