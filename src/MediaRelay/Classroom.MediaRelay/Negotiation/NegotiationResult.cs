using Classroom.MediaRelay.Ice;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>An accepted offer: the tracks, the answer text, and the peer's ICE credentials and fingerprint.</summary>
public sealed record NegotiationResult(IReadOnlyList<NegotiatedTrack> Tracks, string AnswerSdp, IceCredentials RemoteIce, string RemoteFingerprint);
