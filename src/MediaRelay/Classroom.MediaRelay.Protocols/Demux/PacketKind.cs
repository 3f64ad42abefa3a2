namespace Classroom.MediaRelay.Protocols.Demux;

/// <summary>What a datagram arriving on the one bundled 5-tuple carries (RFC 7983 §7).</summary>
public enum PacketKind
{
    /// <summary>Not one of ours (ZRTP, TURN ChannelData, garbage): drop and count.</summary>
    Unknown = 0,

    /// <summary>STUN (ICE connectivity checks, consent freshness), first byte 0..3.</summary>
    Stun,

    /// <summary>DTLS record, first byte 20..63.</summary>
    Dtls,

    /// <summary>RTP, first byte 128..191 and payload type not in the RTCP range.</summary>
    Rtp,

    /// <summary>RTCP, first byte 128..191 and packet type 192..223 (RFC 5761 §4).</summary>
    Rtcp,
}
