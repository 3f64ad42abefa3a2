using System.Buffers.Binary;
using System.Text;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// SDES (RFC 3550 §6.5): SC chunks of SSRC followed by (type, length, text) items, ended by a
/// zero byte and padded to 32 bits. The relay only needs CNAME (type 1, §6.5.1), which ties a
/// participant's audio and video together.
/// </summary>
public static class RtcpSourceDescription
{
    /// <summary>CNAME item type.</summary>
    public const byte CnameItem = 1;

    /// <summary>
    /// Finds the CNAME of chunk <paramref name="chunkIndex"/>; false when the packet is not SDES,
    /// the chunk does not exist, is malformed, or has no CNAME.
    /// </summary>
    public static bool TryGetCname(in RtcpPacket packet, int chunkIndex, out uint ssrc, out ReadOnlySpan<byte> cname)
    {
        ssrc = 0;
        cname = default;
        if (packet.PacketType != RtcpPacketType.SourceDescription || chunkIndex >= packet.Count)
        {
            return false;
        }

        ReadOnlySpan<byte> body = packet.Body;
        int offset = 0;
        for (int chunk = 0; chunk <= chunkIndex; chunk++)
        {
            if (offset + 4 > body.Length)
            {
                return false;
            }

            uint chunkSsrc = BinaryPrimitives.ReadUInt32BigEndian(body[offset..]);
            offset += 4;
            bool found = false;
            while (true)
            {
                if (offset >= body.Length)
                {
                    return false;
                }

                byte type = body[offset];
                if (type == 0)
                {
                    offset = (offset + 4) & ~3; // end of items, skip to the next word boundary
                    break;
                }

                if (offset + 2 > body.Length || offset + 2 + body[offset + 1] > body.Length)
                {
                    return false;
                }

                int length = body[offset + 1];
                if (chunk == chunkIndex && type == CnameItem && !found)
                {
                    ssrc = chunkSsrc;
                    cname = body.Slice(offset + 2, length);
                    found = true;
                }

                offset += 2 + length;
            }

            if (chunk == chunkIndex)
            {
                return found;
            }
        }

        return false;
    }

    /// <summary>Writes an SDES with one chunk carrying a CNAME; returns its length.</summary>
    public static int WriteCname(Span<byte> destination, uint ssrc, string cname)
    {
        int textLength = Encoding.UTF8.GetByteCount(cname);
        if (textLength > 255)
        {
            throw new ArgumentException("A CNAME is at most 255 bytes.", nameof(cname));
        }

        // SSRC + type + length + text + at least one terminating zero, padded to 32 bits.
        int chunkLength = (4 + 2 + textLength + 1 + 3) & ~3;
        Span<byte> packet = RtcpHeaderWriter.Begin(destination, 1, RtcpPacketType.SourceDescription, 4 + chunkLength);
        packet[4..].Clear();
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], ssrc);
        packet[8] = CnameItem;
        packet[9] = (byte)textLength;
        Encoding.UTF8.GetBytes(cname, packet[10..]);
        return packet.Length;
    }
}
