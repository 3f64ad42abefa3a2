using System.Buffers.Binary;
using Classroom.MediaRelay.Protocols.Rtcp;

namespace Classroom.MediaRelay.Rooms;

/// <summary>Finds keyframe requests in a player's compound RTCP: PLI (RFC 4585 §6.3.1) or FIR (RFC 5104 §4.3.1).</summary>
internal static class KeyframeRequests
{
    public static bool Contains(ReadOnlySpan<byte> compound)
    {
        Span<uint> none = stackalloc uint[1];
        return MediaSsrcs(compound, none) > 0;
    }

    /// <summary>
    /// The media SSRC of each request, in order, up to the span's length: a PLI names it in its
    /// header; a FIR in each FCI entry (its header's media SSRC is 0). Returns how many were found.
    /// </summary>
    public static int MediaSsrcs(ReadOnlySpan<byte> compound, Span<uint> ssrcs)
    {
        var count = 0;
        var reader = new RtcpCompoundReader(compound);
        while (reader.TryReadNext(out var packet) && count < ssrcs.Length)
        {
            if (packet.PacketType != RtcpPacketType.PayloadFeedback) continue;
            var body = packet.Body;
            if (packet.Format == RtcpFeedbackFormat.PictureLossIndication)
            {
                ssrcs[count++] = body.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(body[4..]) : 0;
            }
            else if (packet.Format == RtcpFeedbackFormat.FullIntraRequest)
            {
                var entries = body.Length >= 8 ? body[8..] : [];
                if (entries.Length < 8) { ssrcs[count++] = 0; continue; }
                for (var at = 0; at + 8 <= entries.Length && count < ssrcs.Length; at += 8)
                    ssrcs[count++] = BinaryPrimitives.ReadUInt32BigEndian(entries[at..]);
            }
        }

        return count;
    }
}
