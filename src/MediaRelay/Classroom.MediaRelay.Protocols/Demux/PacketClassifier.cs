namespace Classroom.MediaRelay.Protocols.Demux;

/// <summary>
/// One demultiplexer for everything that shares the bundled transport, by first byte.
/// <see href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</see>:
/// <code>
///               +----------------+
///               |        [0..3] -+--> forward to STUN
///   packet -->  |      [20..63] -+--> forward to DTLS
///               |    [128..191] -+--> forward to RTP/RTCP
///               +----------------+
/// </code>
/// RTCP is told from RTP by the second byte (RFC 5761 §4): RTCP packet types 200..206 sit in
/// 192..223, which RTP payload types with the marker bit set never use when PTs 64..95 are avoided.
/// </summary>
public static class PacketClassifier
{
    /// <summary>Classifies a datagram without reading past its second byte.</summary>
    public static PacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return PacketKind.Unknown;
        }

        byte first = datagram[0];
        if (first <= 3)
        {
            return PacketKind.Stun;
        }

        if (first is >= 20 and <= 63)
        {
            return PacketKind.Dtls;
        }

        if (first is >= 128 and <= 191)
        {
            if (datagram.Length < 2)
            {
                return PacketKind.Unknown;
            }

            return datagram[1] is >= 192 and <= 223 ? PacketKind.Rtcp : PacketKind.Rtp;
        }

        // 16..19 ZRTP, 64..79 TURN ChannelData: not used by this relay (no TURN server inside it).
        return PacketKind.Unknown;
    }
}
