using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// AEAD_AES_128_GCM (RFC 7714). SRTP (§8): IV = (0x0000 ‖ SSRC ‖ ROC ‖ SEQ) XOR salt, AAD = the
/// RTP header with CSRCs and extension, 16-byte tag after the ciphertext. SRTCP (§9): IV =
/// (0x0000 ‖ SSRC ‖ 0x0000 ‖ 0 ‖ index) XOR salt, AAD = first 8 bytes ‖ E‖index, and the
/// E‖index word goes after the tag (§9.2, the reverse of RFC 3711's order). One
/// <see cref="AesGcm"/> per key, reused for every packet.
/// </summary>
internal sealed class AesGcmCipher : SrtpCipher
{
    private const int Tag = 16;
    private const int NonceLength = 12;

    private readonly AesGcm _gcm;
    private readonly byte[] _salt = new byte[NonceLength];
    private byte[] _scratch = new byte[256];

    public AesGcmCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt)
    {
        _gcm = new AesGcm(key, Tag);
        salt.CopyTo(_salt);
    }

    public override int TagLength => Tag;

    public override void ProtectRtp(Span<byte> packet, int headerLength, int payloadLength, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildRtpNonce(nonce, ssrc, index);
        Span<byte> payload = packet.Slice(headerLength, payloadLength);
        _gcm.Encrypt(nonce, payload, payload, packet.Slice(headerLength + payloadLength, Tag), packet[..headerLength]);
    }

    public override bool UnprotectRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildRtpNonce(nonce, ssrc, index);
        int end = packet.Length - Tag;
        Span<byte> payload = packet[headerLength..end];
        return TryDecrypt(nonce, payload, packet[end..], packet[..headerLength]);
    }

    public override int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildRtcpNonce(nonce, ssrc, index);
        Span<byte> aad = stackalloc byte[12];
        packet[..8].CopyTo(aad);
        uint word = 0x8000_0000u | index;
        BinaryPrimitives.WriteUInt32BigEndian(aad[8..], word);
        Span<byte> body = packet[8..length];
        _gcm.Encrypt(nonce, body, body, packet.Slice(length, Tag), aad);
        BinaryPrimitives.WriteUInt32BigEndian(packet[(length + Tag)..], word);
        return length + Tag + 4;
    }

    public override bool TryReadRtcpIndex(ReadOnlySpan<byte> packet, out uint index, out bool encrypted)
    {
        index = 0;
        encrypted = false;
        if (packet.Length < 8 + Tag + 4)
        {
            return false;
        }

        uint word = BinaryPrimitives.ReadUInt32BigEndian(packet[^4..]);
        index = word & 0x7FFF_FFFF;
        encrypted = (word & 0x8000_0000) != 0;
        return true;
    }

    public override bool UnprotectRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildRtcpNonce(nonce, ssrc, index);
        int tagStart = packet.Length - 4 - Tag;
        Span<byte> tag = packet.Slice(tagStart, Tag);
        ReadOnlySpan<byte> word = packet[^4..];
        if (encrypted)
        {
            Span<byte> aad = stackalloc byte[12];
            packet[..8].CopyTo(aad);
            word.CopyTo(aad[8..]);
            return TryDecrypt(nonce, packet[8..tagStart], tag, aad);
        }

        // E = 0 (§9.3): the whole packet is associated data, nothing is encrypted.
        int aadLength = tagStart + 4;
        if (aadLength > _scratch.Length)
        {
            GrowScratch(aadLength);
        }

        Span<byte> whole = _scratch.AsSpan(0, aadLength);
        packet[..tagStart].CopyTo(whole);
        word.CopyTo(whole[tagStart..]);
        return TryDecrypt(nonce, Span<byte>.Empty, tag, whole);
    }

    public override void Dispose() => _gcm.Dispose();

    private void BuildRtpNonce(Span<byte> nonce, uint ssrc, ulong index)
    {
        nonce[0] = 0;
        nonce[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[6..], (uint)(index >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(nonce[10..], (ushort)index);
        XorSalt(nonce);
    }

    private void BuildRtcpNonce(Span<byte> nonce, uint ssrc, uint index)
    {
        nonce[0] = 0;
        nonce[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        nonce[6] = 0;
        nonce[7] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], index & 0x7FFF_FFFF);
        XorSalt(nonce);
    }

    private void XorSalt(Span<byte> nonce)
    {
        for (int i = 0; i < NonceLength; i++)
        {
            nonce[i] ^= _salt[i];
        }
    }

    // AesGcm reports a bad tag only by throwing; keep the try/catch out of the hot methods.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryDecrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad)
    {
        try
        {
            _gcm.Decrypt(nonce, data, tag, data, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowScratch(int length) => _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
}
