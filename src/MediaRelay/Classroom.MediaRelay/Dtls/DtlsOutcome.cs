using Classroom.MediaRelay.Protocols.Srtp;
namespace Classroom.MediaRelay.Dtls;

/// <summary>What a finished DTLS-SRTP handshake yields: the profile and the exported keying material (RFC 5764 §4.2).</summary>
public sealed record DtlsOutcome(SrtpProfile Profile, byte[] KeyingMaterial, string PeerFingerprint);
