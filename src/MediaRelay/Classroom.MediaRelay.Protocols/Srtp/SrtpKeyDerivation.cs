using System.Security.Cryptography;

namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// The AES-CM pseudo-random function of RFC 3711 §4.3.1/§4.3.3 with key_derivation_rate 0 (the
/// only rate DTLS-SRTP uses, RFC 5764 §4.1.2): x = (label ‖ 0^48) XOR master_salt, the PRF input
/// block is x·2^16, and the session key is the AES-CM keystream under the master key.
/// RFC 7714 §11 keeps the same PRF for GCM; its 12-byte master salt is placed left-aligned and
/// zero-padded to 14 bytes (as libsrtp and pion do), which is what interoperates with browsers.
/// Runs once per context, so the one-shot ECB call here is fine.
/// </summary>
public static class SrtpKeyDerivation
{
    /// <summary>SRTP encryption key label (§4.3.2).</summary>
    public const byte RtpEncryptionLabel = 0x00;

    /// <summary>SRTP authentication key label.</summary>
    public const byte RtpAuthenticationLabel = 0x01;

    /// <summary>SRTP salt label.</summary>
    public const byte RtpSaltLabel = 0x02;

    /// <summary>SRTCP encryption key label.</summary>
    public const byte RtcpEncryptionLabel = 0x03;

    /// <summary>SRTCP authentication key label.</summary>
    public const byte RtcpAuthenticationLabel = 0x04;

    /// <summary>SRTCP salt label.</summary>
    public const byte RtcpSaltLabel = 0x05;

    /// <summary>Derives <paramref name="destination"/>.Length bytes of session key for a label.</summary>
    public static void Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> destination)
    {
        if (masterSalt.Length > 14)
        {
            throw new ArgumentException("A master salt is at most 112 bits.", nameof(masterSalt));
        }

        int blocks = (destination.Length + 15) / 16;
        Span<byte> input = stackalloc byte[blocks * 16];
        Span<byte> output = stackalloc byte[blocks * 16];
        for (int block = 0; block < blocks; block++)
        {
            Span<byte> counter = input.Slice(block * 16, 16);
            masterSalt.CopyTo(counter);
            counter[7] ^= label; // label sits 7 bytes from the right end of the 112-bit salt
            counter[14] = (byte)(block >> 8);
            counter[15] = (byte)block;
        }

        using Aes aes = Aes.Create();
        aes.Key = masterKey.ToArray();
        aes.EncryptEcb(input, output, PaddingMode.None);
        output[..destination.Length].CopyTo(destination);
    }
}
