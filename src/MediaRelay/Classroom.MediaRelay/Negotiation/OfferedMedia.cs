namespace Classroom.MediaRelay.Negotiation;

/// <summary>One m-line of an offer, reduced to what the relay negotiates on.</summary>
public sealed record OfferedMedia(
    string Kind,
    string? Mid,
    string Direction,
    string Protocol,
    IReadOnlyList<OfferedCodec> Codecs,
    IReadOnlyList<uint> Ssrcs,
    bool RtcpMux);
