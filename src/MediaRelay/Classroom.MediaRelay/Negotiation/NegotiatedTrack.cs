namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// One m-line after negotiation. <see cref="Codec"/> is null for a rejected m-line (port 0 in the
/// answer). For players, <see cref="LocalSsrc"/> is the SSRC the relay sends on (SSRC rewrite);
/// for publishers, <see cref="RemoteSsrcs"/> are the SSRCs the offer announced.
/// </summary>
public sealed record NegotiatedTrack(
    OfferedMedia Offered,
    string Mid,
    OfferedCodec? Codec,
    uint LocalSsrc,
    IReadOnlyList<uint> RemoteSsrcs)
{
    public bool Accepted => Codec is not null;

    public string Kind => Offered.Kind;

    /// <summary>Whether the answer lets the peer ask for keyframes (RFC 4585 §6.3.1 PLI).</summary>
    public bool PeerSendsPli => Codec?.Feedback.Contains("nack pli") ?? false;
}
