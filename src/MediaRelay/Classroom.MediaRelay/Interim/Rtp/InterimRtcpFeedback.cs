using System.Buffers.Binary;

namespace Classroom.MediaRelay.Interim.Rtp;

/// <summary>
/// INTERIM until Classroom.MediaRelay.Protocols.Rtcp lands: finds keyframe requests in a compound
/// RTCP packet (PLI, RFC 4585 §6.3.1; FIR, RFC 5104 §4.3.1) and writes a PLI.
/// </summary>
internal static class InterimRtcpFeedback
{
    private const byte PayloadSpecificFeedback = 206;

    public static bool HasKeyframeRequest(ReadOnlySpan<byte> compound)
    {
        var offset = 0;
        for (var i = 0; i < 32 && offset + 4 <= compound.Length; i++)
        {
            var header = compound[offset..];
            if ((header[0] >> 6) != 2) return false;
            var fmt = header[0] & 0x1F;
            var length = (BinaryPrimitives.ReadUInt16BigEndian(header[2..]) + 1) * 4;
            if (header[1] == PayloadSpecificFeedback && (fmt == 1 || fmt == 4)) return true;
            offset += length;
        }

        return false;
    }

    /// <summary>Writes a 12-byte PLI asking <paramref name="mediaSsrc"/>'s sender for a keyframe.</summary>
    public static int WritePli(Span<byte> destination, uint senderSsrc, uint mediaSsrc)
    {
        destination[0] = 0x80 | 1;
        destination[1] = PayloadSpecificFeedback;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 2);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], mediaSsrc);
        return 12;
    }
}
