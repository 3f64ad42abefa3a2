using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// AES_CM_128_HMAC_SHA1_80 (RFC 3711 §4.1.1, §4.2.1). SRTP: tag = HMAC-SHA1(k_a, header ‖
/// ciphertext ‖ ROC) truncated to 80 bits. SRTCP (§3.4): ciphertext from byte 8, then E‖index,
/// then the tag over everything before it. The HMAC is an <see cref="IncrementalHash"/> keyed
/// once, so no per-packet key schedule or allocation.
/// </summary>
internal sealed class AesCmHmacSha1Cipher : SrtpCipher
{
    private const int Tag = 10;

    private readonly AesCounterMode _counterMode;
    private readonly IncrementalHash _hmac;

    public AesCmHmacSha1Cipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> authKey)
    {
        _counterMode = new AesCounterMode(key, salt);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authKey);
    }

    public override int TagLength => Tag;

    /// <summary>The raw keystream, exposed for the RFC 3711 B.2 vector.</summary>
    internal AesCounterMode CounterMode => _counterMode;

    public override void ProtectRtp(Span<byte> packet, int headerLength, int payloadLength, uint ssrc, ulong index)
    {
        _counterMode.Apply(packet.Slice(headerLength, payloadLength), ssrc, index);
        int authenticated = headerLength + payloadLength;
        ComputeRtpTag(packet[..authenticated], (uint)(index >> 16), packet.Slice(authenticated, Tag));
    }

    public override bool UnprotectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        int authenticated = packet.Length - Tag;
        Span<byte> tag = stackalloc byte[Tag];
        ComputeRtpTag(packet[..authenticated], (uint)(index >> 16), tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, packet.Slice(authenticated, Tag)))
        {
            return false;
        }

        _counterMode.Apply(packet[headerLength..authenticated], ssrc, index);
        return true;
    }

    public override int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint index)
    {
        _counterMode.Apply(packet[8..length], ssrc, index);
        BinaryPrimitives.WriteUInt32BigEndian(packet[length..], 0x8000_0000u | index);
        int authenticated = length + 4;
        Span<byte> hash = stackalloc byte[20];
        _hmac.AppendData(packet[..authenticated]);
        _hmac.GetHashAndReset(hash);
        hash[..Tag].CopyTo(packet[authenticated..]);
        return authenticated + Tag;
    }

    public override bool TryReadRtcpIndex(ReadOnlySpan<byte> packet, out uint index, out bool encrypted)
    {
        index = 0;
        encrypted = false;
        if (packet.Length < 8 + 4 + Tag)
        {
            return false;
        }

        uint word = BinaryPrimitives.ReadUInt32BigEndian(packet[(packet.Length - Tag - 4)..]);
        index = word & 0x7FFF_FFFF;
        encrypted = (word & 0x8000_0000) != 0;
        return true;
    }

    public override bool UnprotectRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted)
    {
        int authenticated = packet.Length - Tag;
        Span<byte> hash = stackalloc byte[20];
        _hmac.AppendData(packet[..authenticated]);
        _hmac.GetHashAndReset(hash);
        if (!CryptographicOperations.FixedTimeEquals(hash[..Tag], packet[authenticated..]))
        {
            return false;
        }

        if (encrypted)
        {
            _counterMode.Apply(packet[8..(authenticated - 4)], ssrc, index);
        }

        return true;
    }

    public override void Dispose()
    {
        _counterMode.Dispose();
        _hmac.Dispose();
    }

    private void ComputeRtpTag(ReadOnlySpan<byte> authenticated, uint roc, Span<byte> destination)
    {
        Span<byte> rocBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
        Span<byte> hash = stackalloc byte[20];
        _hmac.AppendData(authenticated);
        _hmac.AppendData(rocBytes);
        _hmac.GetHashAndReset(hash);
        hash[..Tag].CopyTo(destination);
    }
}
