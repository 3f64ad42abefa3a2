using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// One accepted m-line. A publisher's track has exactly one codec (what it sends); a player's
/// keeps every primary codec it accepted, so whichever codec the lesson's publisher uses is
/// mapped to the player's own payload type at forwarding time. <see cref="LocalSsrc"/> is the
/// SSRC the relay sends to a player on (SSRC rewrite).
/// </summary>
public sealed class NegotiatedTrack
{
    private volatile CachedMapping? _mapping;

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

    private sealed record CachedMapping(CodecKey Key, int PayloadType);
}
