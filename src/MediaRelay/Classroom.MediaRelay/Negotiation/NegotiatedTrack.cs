using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// One accepted m-line. A publisher's track has exactly one codec (what it sends); a player's
/// keeps every primary codec it accepted, so whichever codec the lesson's publisher uses is
/// mapped to the player's own payload type at forwarding time. <see cref="LocalSsrc"/> is the
/// SSRC the relay sends to a player on (SSRC rewrite).
/// <para>
/// Simulcast and repair (docs/simulcast.md): a publisher's video track lists its
/// <see cref="SimulcastRids"/> and the ids of the mid / rid / repaired-rid extensions that tell the
/// layers apart; a player's video track carries its RTX payload types (<see cref="RtxCodecs"/>),
/// the relay's <see cref="RtxSsrc"/> for it, its abs-send-time extension id and whether it sends
/// REMB. Every id is 0 (and every list empty) when not negotiated.
/// </para>
/// </summary>
public sealed class NegotiatedTrack
{
    private volatile CachedMapping? _mapping;
    private volatile CachedMapping? _rtxMapping;

    public NegotiatedTrack(string kind, string mid, IReadOnlyList<SdpCodec> codecs, uint localSsrc, IReadOnlyList<uint> remoteSsrcs)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        Kind = kind;
        Mid = mid;
        Codecs = codecs;
        LocalSsrc = localSsrc;
        RemoteSsrcs = remoteSsrcs;
        Primary = codecs.Count > 0 ? CodecKey.Of(codecs[0]) : default;
    }

    public string Kind { get; }
    public string Mid { get; }
    public IReadOnlyList<SdpCodec> Codecs { get; }
    public uint LocalSsrc { get; }
    public IReadOnlyList<uint> RemoteSsrcs { get; }

    /// <summary>The first (for a publisher: the only) codec.</summary>
    public CodecKey Primary { get; }

    /// <summary>
    /// Publisher video: the simulcast rids in the order of the offer's <c>a=simulcast:send</c>
    /// list (Chromium lists sendEncodings in order; the studio page sends low → high, so index
    /// 0 is the lowest layer). Paused ones (<c>~l</c>) are included and also listed in
    /// <see cref="PausedSimulcastRids"/>. Empty without simulcast.
    /// </summary>
    public IReadOnlyList<string> SimulcastRids { get; init; } = [];

    /// <summary>Rids of <see cref="SimulcastRids"/> the publisher offered as paused (RFC 8853 §5.1 "~").</summary>
    public IReadOnlyList<string> PausedSimulcastRids { get; init; } = [];

    /// <summary>Publisher video with simulcast: id of urn:ietf:params:rtp-hdrext:sdes:mid, 0 = not negotiated.</summary>
    public int MidExtensionId { get; init; }

    /// <summary>Publisher video with simulcast: id of …:sdes:rtp-stream-id (which layer a packet is), 0 = not negotiated.</summary>
    public int RidExtensionId { get; init; }

    /// <summary>Publisher video with simulcast: id of …:sdes:repaired-rtp-stream-id, 0 = not negotiated.</summary>
    public int RepairedRidExtensionId { get; init; }

    /// <summary>Player video: the rtx codecs (RFC 4588) kept, each with <c>apt</c> naming a codec of <see cref="Codecs"/>.</summary>
    public IReadOnlyList<SdpCodec> RtxCodecs { get; init; } = [];

    /// <summary>Player video: the SSRC the relay sends retransmissions on (FID group with <see cref="LocalSsrc"/>); 0 = no RTX.</summary>
    public uint RtxSsrc { get; init; }

    /// <summary>Player video: id of the abs-send-time extension the relay writes per send; 0 = none.</summary>
    public int AbsSendTimeExtensionId { get; init; }

    /// <summary>Player video: goog-remb was negotiated, so the player's receive-side estimate arrives as REMB.</summary>
    public bool SupportsRemb { get; init; }

    /// <summary>
    /// Publisher video: 0 for the first video section (the camera), 1 for the second (the
    /// studio's screen or courseware). A producer keeps the two apart in its ring.
    /// </summary>
    public int VideoOrdinal { get; init; }

    /// <summary>Player: the producer slot this section shows (answer's msid), e.g. "studio camera"; null when none was assigned.</summary>
    public string? Label { get; init; }

    /// <summary>For a player's track: keeps its sequence numbers continuous across publishers.</summary>
    internal Rooms.OutboundSequence Outbound { get; } = new();

    public bool HasPayloadType(int payloadType)
    {
        for (var i = 0; i < Codecs.Count; i++)
        {
            if (Codecs[i].PayloadType == payloadType) return true;
        }

        return false;
    }

    /// <summary>This peer's payload type for <paramref name="key"/>, or −1 when it did not accept that codec.</summary>
    public int PayloadTypeFor(CodecKey key)
    {
        var cached = _mapping;
        if (cached is not null && cached.Key == key) return cached.PayloadType;
        var pt = -1;
        foreach (var c in Codecs)
        {
            if (key.Matches(c)) { pt = c.PayloadType; break; }
        }

        _mapping = new CachedMapping(key, pt); // only when the publisher's codec changes
        return pt;
    }

    /// <summary>
    /// This peer's RTX payload type for retransmissions of <paramref name="primary"/> (the rtx
    /// codec whose apt is this peer's payload type for it), or −1 when none was negotiated.
    /// Cached like <see cref="PayloadTypeFor"/>: allocates only when the publisher's codec changes.
    /// </summary>
    public int RtxPayloadTypeFor(CodecKey primary)
    {
        var cached = _rtxMapping;
        if (cached is not null && cached.Key == primary) return cached.PayloadType;
        var pt = -1;
        var primaryPt = PayloadTypeFor(primary);
        if (primaryPt >= 0)
        {
            foreach (var rtx in RtxCodecs)
            {
                if (AssociatedPayloadType(rtx) == primaryPt) { pt = rtx.PayloadType; break; }
            }
        }

        _rtxMapping = new CachedMapping(primary, pt);
        return pt;
    }

    /// <summary>The apt of an rtx codec (RFC 4588 §8.6), or −1.</summary>
    public static int AssociatedPayloadType(SdpCodec rtx)
    {
        ArgumentNullException.ThrowIfNull(rtx);
        return int.TryParse(rtx.Fmtp.Get("apt"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var apt)
            && apt <= 127 ? apt : -1;
    }

    private sealed record CachedMapping(CodecKey Key, int PayloadType);
}
