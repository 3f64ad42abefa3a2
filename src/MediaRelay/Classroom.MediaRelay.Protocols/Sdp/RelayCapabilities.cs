namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// What the relay puts into an answer: its ICE-lite credentials and candidates, its DTLS
/// certificate fingerprint, and (for WHEP viewers) the stream it will send on each section.
/// </summary>
public sealed class RelayCapabilities
{
    /// <summary>Relay ICE ufrag (RFC 8839 §5.4: 4..256 ice-chars).</summary>
    public required string IceUfrag { get; init; }

    /// <summary>Relay ICE password (at least 22 ice-chars).</summary>
    public required string IcePwd { get; init; }

    /// <summary>SHA-256 of the relay's DTLS certificate as colon-separated upper-case hex.</summary>
    public required string FingerprintSha256 { get; init; }

    /// <summary>Candidate values, e.g. "1 1 udp 2130706431 203.0.113.5 40000 typ host".</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    /// <summary>o= session id (a random 64-bit decimal per JSEP §5.2.1).</summary>
    public string SessionId { get; init; } = "0";

    /// <summary>
    /// For sections the relay sends on (WHEP): the stream to announce. Null or returning null
    /// means the relay only receives on that section.
    /// </summary>
    public Func<MediaDescription, SdpSendStream?>? SendStreamFor { get; init; }
}

/// <summary>A stream the relay announces with msid and a=ssrc lines (RFC 8830, RFC 5576).</summary>
public sealed record SdpSendStream(uint Ssrc, uint? RtxSsrc, string Cname, string StreamId, string TrackId);
