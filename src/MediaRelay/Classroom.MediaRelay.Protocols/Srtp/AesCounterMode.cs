using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// AES-128 in SRTP counter mode (RFC 3711 §4.1.1): IV = (k_s·2^16) XOR (SSRC·2^64) XOR (i·2^16),
/// block j of keystream = AES(k_e, IV + j). The ECB transform is created once per key and the
/// counter/keystream buffers are reused, because a one-shot <c>Aes.EncryptEcb</c> per packet
/// re-expands the key every call.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    private const int InitialCapacity = 2048;

    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private readonly byte[] _salt = new byte[14];
    private byte[] _counters = new byte[InitialCapacity];
    private byte[] _keystream = new byte[InitialCapacity];

    public AesCounterMode(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
        salt.CopyTo(_salt);
    }

    /// <summary>XORs the keystream for (SSRC, index) into <paramref name="data"/>.</summary>
    public void Apply(Span<byte> data, uint ssrc, ulong index)
    {
        if (data.IsEmpty)
        {
            return;
        }

        int blocks = (data.Length + 15) >> 4;
        int bytes = blocks << 4;
        if (bytes > _counters.Length)
        {
            Grow(bytes);
        }

        Span<byte> iv = stackalloc byte[16];
        _salt.CopyTo(iv);
        iv[14] = 0;
        iv[15] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[4..], BinaryPrimitives.ReadUInt32BigEndian(iv[4..]) ^ ssrc);
        for (int b = 0; b < 6; b++)
        {
            iv[8 + b] ^= (byte)(index >> (40 - (8 * b))); // the 48-bit index lands in bytes 8..13
        }

        // The IV's low 16 bits are zero and a packet has < 2^16 blocks, so IV + j only sets them.
        Span<byte> counters = _counters.AsSpan(0, bytes);
        for (int j = 0; j < blocks; j++)
        {
            Span<byte> block = counters.Slice(j << 4, 16);
            iv.CopyTo(block);
            block[14] = (byte)(j >> 8);
            block[15] = (byte)j;
        }

        _ecb.TransformBlock(_counters, 0, bytes, _keystream, 0);
        KeystreamXor.Apply(data, _keystream.AsSpan(0, data.Length));
    }

    public void Dispose()
    {
        _ecb.Dispose();
        _aes.Dispose();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int bytes)
    {
        int size = Math.Max(bytes, _counters.Length * 2);
        _counters = new byte[size];
        _keystream = new byte[size];
    }
}
