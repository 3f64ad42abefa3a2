namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// What the relay needs from a WHIP/WHEP offer: the peer's ICE credentials (RFC 8839 §5.4), its
/// certificate fingerprint and DTLS role (RFC 8842), and the m-lines in order.
/// </summary>
public sealed record SessionOffer(
    string IceUfrag,
    string IcePwd,
    string FingerprintSha256,
    string Setup,
    IReadOnlyList<OfferedMedia> Media);
