using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>An accepted offer: the tracks, the answer text, and the peer's ICE credentials and fingerprint.</summary>
public sealed record NegotiationResult(IReadOnlyList<NegotiatedTrack> Tracks, string AnswerSdp, IceCredentials RemoteIce, string RemoteFingerprint)
{
    /// <summary>The offer's sections the answer rejects, each with its reason (logged by the relay).</summary>
    public IReadOnlyList<SdpRejection> Rejections { get; init; } = [];
}
