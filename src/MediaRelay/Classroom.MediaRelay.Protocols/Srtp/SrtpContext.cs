using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// SRTP/SRTCP for one direction of one DTLS association (RFC 3711 §3.2): session keys derived
/// once from the master key and salt, per-SSRC rollover counters, replay windows and SRTCP
/// indices. Protect and unprotect work in place in the caller's buffer and allocate nothing
/// once a stream's state exists. Not thread-safe: one context belongs to one receive loop or one
/// send path.
/// </summary>
public sealed class SrtpContext : IDisposable
{
    private readonly SrtpCipher _rtp;
    private readonly SrtpCipher _rtcp;
    private readonly Dictionary<uint, SrtpStream> _streams = [];
    private SrtpStream? _last;

    private SrtpContext(SrtpProfile profile, SrtpCipher rtp, SrtpCipher rtcp)
    {
        Profile = profile;
        _rtp = rtp;
        _rtcp = rtcp;
    }

    /// <summary>The profile in use.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>Bytes SRTP adds to an RTP packet (the tag): size send buffers with it.</summary>
    public int RtpOverhead => _rtp.TagLength;

    /// <summary>Bytes SRTCP adds to an RTCP compound (tag + E‖index).</summary>
    public int RtcpOverhead => _rtcp.RtcpTrailerLength;

    /// <summary>Derives session keys (RFC 3711 §4.3, labels 0..5) and builds a context.</summary>
    public static SrtpContext Create(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        if (masterKey.Length != profile.MasterKeyLength() || masterSalt.Length != profile.MasterSaltLength())
        {
            throw new ArgumentException($"{profile} needs a {profile.MasterKeyLength()}-byte key and a {profile.MasterSaltLength()}-byte salt.");
        }

        SrtpCipher rtp = BuildCipher(profile, masterKey, masterSalt, SrtpKeyDerivation.RtpEncryptionLabel, SrtpKeyDerivation.RtpAuthenticationLabel, SrtpKeyDerivation.RtpSaltLabel);
        SrtpCipher rtcp = BuildCipher(profile, masterKey, masterSalt, SrtpKeyDerivation.RtcpEncryptionLabel, SrtpKeyDerivation.RtcpAuthenticationLabel, SrtpKeyDerivation.RtcpSaltLabel);
        return new SrtpContext(profile, rtp, rtcp);
    }

    private static SrtpCipher BuildCipher(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte keyLabel, byte authLabel, byte saltLabel)
    {
        Span<byte> key = stackalloc byte[16];
        Span<byte> salt = stackalloc byte[profile.MasterSaltLength()];
        Span<byte> auth = stackalloc byte[20];
        try
        {
            SrtpKeyDerivation.Derive(masterKey, masterSalt, keyLabel, key);
            SrtpKeyDerivation.Derive(masterKey, masterSalt, saltLabel, salt);
            if (profile == SrtpProfile.AeadAes128Gcm)
            {
                return new AesGcmCipher(key, salt);
            }

            SrtpKeyDerivation.Derive(masterKey, masterSalt, authLabel, auth);
            return new AesCmHmacSha1Cipher(key, salt, auth);
        }
        finally
        {
            key.Clear();
            auth.Clear();
        }
    }

    /// <summary>Builds a context straight from session keys (RFC 7714 §16 vectors give those).</summary>
    internal static SrtpContext CreateFromSessionKeys(SrtpProfile profile, byte[] key, byte[] salt, byte[]? authKey = null) =>
        profile == SrtpProfile.AeadAes128Gcm
            ? new SrtpContext(profile, new AesGcmCipher(key, salt), new AesGcmCipher(key, salt))
            : new SrtpContext(profile, new AesCmHmacSha1Cipher(key, salt, authKey!), new AesCmHmacSha1Cipher(key, salt, authKey!));

    /// <summary>
    /// Protects the RTP packet in <paramref name="buffer"/>[..<paramref name="length"/>] in place
    /// and appends the tag; the buffer needs <see cref="RtpOverhead"/> spare bytes.
    /// </summary>
    public SrtpStatus ProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if ((uint)length > (uint)buffer.Length || !RtpLayout.TryGetHeaderLength(buffer, length, out int headerLength))
        {
            return SrtpStatus.Malformed;
        }

        if (buffer.Length - length < _rtp.TagLength)
        {
            return SrtpStatus.BufferTooSmall;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        SrtpStream stream = FindStream(ssrc) ?? AddStream(ssrc);
        long index = stream.EstimateRtpIndex(BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]));
        if (index < 0)
        {
            return SrtpStatus.Replayed;
        }

        _rtp.ProtectRtp(buffer, headerLength, length - headerLength, ssrc, (ulong)index);
        stream.Rtp.Accept((ulong)index);
        protectedLength = length + _rtp.TagLength;
        return SrtpStatus.Ok;
    }

    /// <summary>
    /// Authenticates and decrypts the SRTP packet that is exactly <paramref name="packet"/>;
    /// on success the plain RTP packet is <paramref name="packet"/>[..plainLength].
    /// </summary>
    public SrtpStatus UnprotectRtp(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        int tag = _rtp.TagLength;
        if (packet.Length < RtpLayout.FixedHeaderLength + tag || !RtpLayout.TryGetHeaderLength(packet, packet.Length - tag, out int headerLength))
        {
            return SrtpStatus.Malformed;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        SrtpStream? stream = FindStream(ssrc);
        long index = stream is null ? sequence : stream.EstimateRtpIndex(sequence);
        if (index < 0 || (stream is not null && stream.Rtp.IsReplay((ulong)index)))
        {
            return SrtpStatus.Replayed;
        }

        if (!_rtp.UnprotectRtp(packet, headerLength, ssrc, (ulong)index))
        {
            return SrtpStatus.AuthenticationFailed;
        }

        (stream ?? AddStream(ssrc)).Rtp.Accept((ulong)index);
        plainLength = packet.Length - tag;
        return SrtpStatus.Ok;
    }

    /// <summary>
    /// Protects an RTCP compound in place (always encrypted, E = 1); the buffer needs
    /// <see cref="RtcpOverhead"/> spare bytes.
    /// </summary>
    public SrtpStatus ProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if (length < 8 || length > buffer.Length || (buffer[0] >> 6) != 2)
        {
            return SrtpStatus.Malformed;
        }

        if (buffer.Length - length < _rtcp.RtcpTrailerLength)
        {
            return SrtpStatus.BufferTooSmall;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        SrtpStream stream = FindStream(ssrc) ?? AddStream(ssrc);
        uint index = stream.NextRtcpIndex;
        stream.NextRtcpIndex = (index + 1) & 0x7FFF_FFFF;
        protectedLength = _rtcp.ProtectRtcp(buffer, length, ssrc, index);
        return SrtpStatus.Ok;
    }

    /// <summary>Authenticates and decrypts the SRTCP packet that is exactly <paramref name="packet"/>.</summary>
    public SrtpStatus UnprotectRtcp(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        if (!_rtcp.TryReadRtcpIndex(packet, out uint index, out bool encrypted) || (packet[0] >> 6) != 2)
        {
            return SrtpStatus.Malformed;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        SrtpStream? stream = FindStream(ssrc);
        if (stream is not null && stream.Rtcp.IsReplay(index))
        {
            return SrtpStatus.Replayed;
        }

        if (!_rtcp.UnprotectRtcp(packet, ssrc, index, encrypted))
        {
            return SrtpStatus.AuthenticationFailed;
        }

        (stream ?? AddStream(ssrc)).Rtcp.Accept(index);
        plainLength = packet.Length - _rtcp.RtcpTrailerLength;
        return SrtpStatus.Ok;
    }

    /// <summary>Current rollover counter of a stream (0 when unknown); for diagnostics and tests.</summary>
    public uint GetRolloverCounter(uint ssrc) =>
        FindStream(ssrc) is { Rtp.IsInitialized: true } stream ? (uint)(stream.Rtp.Highest >> 16) : 0;

    /// <summary>Sets the next SRTCP index to send for an SSRC (the RFC 7714 vectors start at 0x5d4).</summary>
    internal void SetNextRtcpIndex(uint ssrc, uint index) => (FindStream(ssrc) ?? AddStream(ssrc)).NextRtcpIndex = index;

    /// <summary>
    /// Forgets the replay state of a stream while keeping its allocation, so a benchmark can
    /// unprotect the same packet repeatedly through the full path.
    /// </summary>
    internal void ResetReplayState(uint ssrc)
    {
        if (FindStream(ssrc) is { } stream)
        {
            stream.Rtp = default;
            stream.Rtcp = default;
        }
    }

    /// <summary>The RTP cipher, for keystream vectors.</summary>
    internal SrtpCipher RtpCipher => _rtp;

    /// <inheritdoc/>
    public void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }

    private SrtpStream? FindStream(uint ssrc)
    {
        SrtpStream? last = _last;
        if (last is not null && last.Ssrc == ssrc)
        {
            return last;
        }

        if (_streams.TryGetValue(ssrc, out SrtpStream? stream))
        {
            _last = stream;
        }

        return stream;
    }

    // First packet of a new SSRC: the one allocation a stream ever makes.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private SrtpStream AddStream(uint ssrc)
    {
        var stream = new SrtpStream(ssrc);
        _streams[ssrc] = stream;
        _last = stream;
        return stream;
    }
}
