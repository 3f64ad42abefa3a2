namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// One profile's transform keyed with one set of session keys (SRTP or SRTCP). Everything a
/// packet needs is allocated in the constructor, so protect/unprotect allocate nothing.
/// </summary>
internal abstract class SrtpCipher : IDisposable
{
    public abstract int TagLength { get; }

    /// <summary>SRTCP trailer: tag plus the 4-byte E-flag‖index word.</summary>
    public int RtcpTrailerLength => TagLength + 4;

    /// <summary>Encrypts the payload in place and writes the tag right after it.</summary>
    public abstract void ProtectRtp(Span<byte> packet, int headerLength, int payloadLength, uint ssrc, ulong index);

    /// <summary>Authenticates header‖ciphertext‖tag and decrypts the payload in place.</summary>
    public abstract bool UnprotectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index);

    /// <summary>Encrypts bytes 8.. of an RTCP compound and appends index and tag; returns the new length.</summary>
    public abstract int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint index);

    /// <summary>Reads the E-flag and 31-bit SRTCP index from where this profile puts them.</summary>
    public abstract bool TryReadRtcpIndex(ReadOnlySpan<byte> packet, out uint index, out bool encrypted);

    /// <summary>Authenticates and (if E is set) decrypts in place; the plain length excludes the trailer.</summary>
    public abstract bool UnprotectRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted);

    public abstract void Dispose();
}
