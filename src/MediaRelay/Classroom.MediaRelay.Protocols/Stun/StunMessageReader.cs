using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// Validates a datagram as a STUN message (RFC 8489 §6.3): top two bits zero, magic cookie,
/// length a multiple of 4 that fits the datagram, every attribute inside the message, and the
/// placement rules of §14.5/§14.7 (only FINGERPRINT may follow MESSAGE-INTEGRITY, nothing may
/// follow FINGERPRINT). Integrity itself is checked by <see cref="StunIntegrity"/>.
/// </summary>
public static class StunMessageReader
{
    /// <summary>Reads a message; false (never an exception) for anything malformed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, out StunMessage message)
    {
        message = default;
        if (datagram.Length < StunConstants.HeaderLength || (datagram[0] & 0xC0) != 0)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if ((length & 3) != 0
            || StunConstants.HeaderLength + length > datagram.Length
            || BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != StunConstants.MagicCookie)
        {
            return false;
        }

        ReadOnlySpan<byte> body = datagram[..(StunConstants.HeaderLength + length)];
        int integrity = -1;
        int fingerprint = -1;
        int offset = StunConstants.HeaderLength;
        while (offset < body.Length)
        {
            if (fingerprint >= 0 || offset + StunConstants.AttributeHeaderLength > body.Length)
            {
                return false;
            }

            ushort type = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 2)..]);
            int padded = (valueLength + 3) & ~3;
            if (offset + StunConstants.AttributeHeaderLength + padded > body.Length)
            {
                return false;
            }

            if (type == StunAttributeType.Fingerprint)
            {
                if (valueLength != 4)
                {
                    return false;
                }

                fingerprint = offset;
            }
            else if (type == StunAttributeType.MessageIntegrity)
            {
                if (valueLength != StunConstants.MessageIntegrityLength || integrity >= 0)
                {
                    return false;
                }

                integrity = offset;
            }
            else if (integrity >= 0 && type != StunAttributeType.MessageIntegritySha256)
            {
                // §14.5: attributes after MESSAGE-INTEGRITY are not covered by it. Refusing them keeps
                // an attacker from appending unauthenticated attributes to a valid message.
                return false;
            }

            offset += StunConstants.AttributeHeaderLength + padded;
        }

        message = new StunMessage(body, integrity, fingerprint);
        return true;
    }

    /// <summary>Cheap pre-check a demultiplexer can use: header shape and cookie only.</summary>
    public static bool LooksLikeStun(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= StunConstants.HeaderLength
        && (datagram[0] & 0xC0) == 0
        && BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) == StunConstants.MagicCookie;
}
