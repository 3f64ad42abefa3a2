using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// MESSAGE-INTEGRITY (RFC 8489 §14.5) and FINGERPRINT (§14.7) computation and checks.
/// Both cover the message up to their own attribute, with the header's length field rewritten as
/// if that attribute were the last one; that is why the header is hashed from a patched copy.
/// ICE uses short-term credentials (RFC 8445 §7.2.2), so the HMAC key is the password's bytes.
/// </summary>
public static class StunIntegrity
{
    /// <summary>Checks MESSAGE-INTEGRITY with the short-term key (the ICE password bytes).</summary>
    public static bool VerifyMessageIntegrity(in StunMessage message, ReadOnlySpan<byte> key)
    {
        if (!message.HasMessageIntegrity)
        {
            return false;
        }

        int offset = message.MessageIntegrityOffset;
        Span<byte> computed = stackalloc byte[StunConstants.MessageIntegrityLength];
        ComputeMessageIntegrity(message.Buffer[..offset], key, computed);
        ReadOnlySpan<byte> carried = message.Buffer.Slice(offset + StunConstants.AttributeHeaderLength, StunConstants.MessageIntegrityLength);
        return CryptographicOperations.FixedTimeEquals(computed, carried);
    }

    /// <summary>Checks FINGERPRINT; false when absent or wrong.</summary>
    public static bool VerifyFingerprint(in StunMessage message)
    {
        if (!message.HasFingerprint)
        {
            return false;
        }

        int offset = message.FingerprintOffset;
        uint carried = BinaryPrimitives.ReadUInt32BigEndian(message.Buffer[(offset + StunConstants.AttributeHeaderLength)..]);
        return ComputeFingerprint(message.Buffer[..offset]) == carried;
    }

    /// <summary>
    /// HMAC-SHA1 over <paramref name="prefix"/> (header + attributes before MESSAGE-INTEGRITY), with
    /// the length field set to cover the MESSAGE-INTEGRITY attribute that follows.
    /// </summary>
    public static void ComputeMessageIntegrity(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        int patchedLength = prefix.Length - StunConstants.HeaderLength + StunConstants.AttributeHeaderLength + StunConstants.MessageIntegrityLength;

        // HMAC the patched copy with the one-shot API: no HMAC object per message, and a STUN
        // message over UDP fits the stack buffer (larger ones, e.g. over ICE-TCP, rent).
        byte[]? rented = null;
        Span<byte> copy = prefix.Length <= 1024
            ? stackalloc byte[1024]
            : (rented = ArrayPool<byte>.Shared.Rent(prefix.Length));
        try
        {
            copy = copy[..prefix.Length];
            prefix.CopyTo(copy);
            BinaryPrimitives.WriteUInt16BigEndian(copy[2..], (ushort)patchedLength);
            HMACSHA1.HashData(key, copy, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>CRC-32 XOR 0x5354554E over <paramref name="prefix"/> with the length patched to include FINGERPRINT.</summary>
    public static uint ComputeFingerprint(ReadOnlySpan<byte> prefix)
    {
        int patchedLength = prefix.Length - StunConstants.HeaderLength + StunConstants.AttributeHeaderLength + 4;
        Span<byte> header = stackalloc byte[StunConstants.HeaderLength];
        prefix[..StunConstants.HeaderLength].CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)patchedLength);
        uint state = Crc32.Append(0xFFFFFFFFu, header);
        state = Crc32.Append(state, prefix[StunConstants.HeaderLength..]);
        return (state ^ 0xFFFFFFFFu) ^ StunConstants.FingerprintXor;
    }
}
