using System.Buffers.Binary;
using System.Net;

namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// A validated STUN message viewed in place (RFC 8489 §5). Produced by
/// <see cref="StunMessageReader.TryRead"/>; every attribute is known to fit inside the message.
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |0 0|     STUN Message Type     |         Message Length        |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                         Magic Cookie                          |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                     Transaction ID (96 bits)                  |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly ref struct StunMessage
{
    internal StunMessage(ReadOnlySpan<byte> message, int messageIntegrityOffset, int fingerprintOffset)
    {
        Buffer = message;
        MessageIntegrityOffset = messageIntegrityOffset;
        FingerprintOffset = fingerprintOffset;
    }

    /// <summary>The whole message, header included, trailing datagram bytes excluded.</summary>
    public ReadOnlySpan<byte> Buffer { get; }

    /// <summary>Raw 14-bit message type (method and class bits).</summary>
    public ushort RawType => BinaryPrimitives.ReadUInt16BigEndian(Buffer);

    /// <summary>The message type; compare with <see cref="StunMessageType"/> values.</summary>
    public StunMessageType Type => (StunMessageType)RawType;

    /// <summary>The 96-bit transaction id.</summary>
    public ReadOnlySpan<byte> TransactionId => Buffer.Slice(8, StunConstants.TransactionIdLength);

    /// <summary>Offset of the MESSAGE-INTEGRITY attribute header, or -1.</summary>
    public int MessageIntegrityOffset { get; }

    /// <summary>Offset of the FINGERPRINT attribute header, or -1.</summary>
    public int FingerprintOffset { get; }

    /// <summary>True when MESSAGE-INTEGRITY is present.</summary>
    public bool HasMessageIntegrity => MessageIntegrityOffset >= 0;

    /// <summary>True when FINGERPRINT is present.</summary>
    public bool HasFingerprint => FingerprintOffset >= 0;

    /// <summary>Iterates the attributes in wire order.</summary>
    public StunAttributeEnumerator Attributes => new(Buffer);

    /// <summary>Finds the first attribute of a type.</summary>
    public bool TryGetAttribute(ushort type, out ReadOnlySpan<byte> value)
    {
        foreach (StunAttribute attribute in Attributes)
        {
            if (attribute.Type == type)
            {
                value = attribute.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>USERNAME as UTF-8 bytes ("remote:local" ufrags in ICE).</summary>
    public bool TryGetUsername(out ReadOnlySpan<byte> username) =>
        TryGetAttribute(StunAttributeType.Username, out username);

    /// <summary>PRIORITY of the peer-reflexive candidate the check would create (RFC 8445 §7.1.1).</summary>
    public bool TryGetPriority(out uint priority) => TryGetUInt32(StunAttributeType.Priority, out priority);

    /// <summary>USE-CANDIDATE: the controlling agent nominates this pair.</summary>
    public bool HasUseCandidate => TryGetAttribute(StunAttributeType.UseCandidate, out _);

    /// <summary>ICE-CONTROLLING tie-breaker.</summary>
    public bool TryGetIceControlling(out ulong tieBreaker) =>
        TryGetUInt64(StunAttributeType.IceControlling, out tieBreaker);

    /// <summary>ICE-CONTROLLED tie-breaker.</summary>
    public bool TryGetIceControlled(out ulong tieBreaker) =>
        TryGetUInt64(StunAttributeType.IceControlled, out tieBreaker);

    /// <summary>XOR-MAPPED-ADDRESS decoded (RFC 8489 §14.2).</summary>
    public bool TryGetXorMappedAddress(out IPEndPoint? endPoint)
    {
        endPoint = null;
        return TryGetAttribute(StunAttributeType.XorMappedAddress, out ReadOnlySpan<byte> value)
            && StunXorAddress.TryDecode(value, TransactionId, out endPoint);
    }

    /// <summary>ERROR-CODE (RFC 8489 §14.8): class*100+number and the UTF-8 reason phrase.</summary>
    public bool TryGetErrorCode(out int code, out ReadOnlySpan<byte> reason)
    {
        code = 0;
        reason = default;
        if (!TryGetAttribute(StunAttributeType.ErrorCode, out ReadOnlySpan<byte> value) || value.Length < 4)
        {
            return false;
        }

        code = ((value[2] & 0x07) * 100) + value[3];
        reason = value[4..];
        return true;
    }

    private bool TryGetUInt32(ushort type, out uint result)
    {
        if (TryGetAttribute(type, out ReadOnlySpan<byte> value) && value.Length == 4)
        {
            result = BinaryPrimitives.ReadUInt32BigEndian(value);
            return true;
        }

        result = 0;
        return false;
    }

    private bool TryGetUInt64(ushort type, out ulong result)
    {
        if (TryGetAttribute(type, out ReadOnlySpan<byte> value) && value.Length == 8)
        {
            result = BinaryPrimitives.ReadUInt64BigEndian(value);
            return true;
        }

        result = 0;
        return false;
    }
}
