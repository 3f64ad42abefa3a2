using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// Fixed-header arithmetic shared by the RTP view and SRTP (which must find the payload before
/// it can decrypt, so it cannot use the padding checks of <see cref="RtpHeader.TryRead"/>).
/// RFC 3550 §5.1: 12 fixed bytes, 4 per CSRC, then 4 + 4·length for an extension when X is set.
/// </summary>
public static class RtpLayout
{
    /// <summary>Size of the fixed header.</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>
    /// Length of header + CSRCs + extension, or false when version ≠ 2 or it would pass
    /// <paramref name="limit"/> bytes.
    /// </summary>
    public static bool TryGetHeaderLength(ReadOnlySpan<byte> packet, int limit, out int headerLength)
    {
        headerLength = 0;
        if (limit > packet.Length || limit < FixedHeaderLength || (packet[0] >> 6) != 2)
        {
            return false;
        }

        int length = FixedHeaderLength + ((packet[0] & 0x0F) * 4);
        if ((packet[0] & 0x10) != 0)
        {
            if (length + 4 > limit)
            {
                return false;
            }

            length += 4 + (BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]) * 4);
        }

        if (length > limit)
        {
            return false;
        }

        headerLength = length;
        return true;
    }
}
