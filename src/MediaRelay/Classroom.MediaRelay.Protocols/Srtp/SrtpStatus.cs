namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>Outcome of protect/unprotect; anything but <see cref="Ok"/> means drop and count.</summary>
public enum SrtpStatus
{
    /// <summary>Done; the output length is valid.</summary>
    Ok = 0,

    /// <summary>Too short, not RTP/RTCP version 2, or header fields pointing past the end.</summary>
    Malformed,

    /// <summary>The buffer has no room for the tag (protect) — a caller sizing bug.</summary>
    BufferTooSmall,

    /// <summary>Tag mismatch: forged, corrupted, or keyed differently.</summary>
    AuthenticationFailed,

    /// <summary>Index already seen or older than the 64-packet replay window (RFC 3711 §3.3.2).</summary>
    Replayed,
}
