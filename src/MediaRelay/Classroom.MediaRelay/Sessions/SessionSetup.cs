using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.MediaRelay.Sessions;

/// <summary>What a session is created from: the negotiated offer and who asked.</summary>
internal sealed record SessionSetup(
    string Id,
    string LessonId,
    string Subject,
    SessionRole Role,
    IReadOnlyList<NegotiatedTrack> Tracks,
    string RemoteFingerprint,
    IceCredentials RemoteIce,
    IceCredentials LocalIce);
