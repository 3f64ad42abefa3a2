using System.Buffers.Binary;
using System.Net;
using System.Text;
using Classroom.MediaRelay.Protocols.Internal;

namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// Builds a STUN message into a caller-provided span (RFC 8489 §5, §14). Attributes are appended
/// in call order; <see cref="AddMessageIntegrity"/> then <see cref="AddFingerprint"/> must come last,
/// in that order, as §14.5/§14.7 require. Throws <see cref="ArgumentException"/> only when the
/// destination is too small, which is a caller bug (a 1,280-byte buffer always suffices for ICE).
/// </summary>
public ref struct StunMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    /// <summary>Writes the 20-byte header; the length field is kept current as attributes are added.</summary>
    public StunMessageWriter(Span<byte> destination, StunMessageType type, scoped ReadOnlySpan<byte> transactionId)
    {
        if (destination.Length < StunConstants.HeaderLength)
        {
            ThrowHelper.DestinationTooSmall(nameof(destination));
        }

        if (transactionId.Length != StunConstants.TransactionIdLength)
        {
            ThrowHelper.Argument(nameof(transactionId), "A transaction id is 12 bytes.");
        }

        _buffer = destination;
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], StunConstants.MagicCookie);
        transactionId.CopyTo(destination[8..]);
        _length = StunConstants.HeaderLength;
    }

    /// <summary>Bytes written so far (the message is complete after each call).</summary>
    public readonly int Length => _length;

    /// <summary>The message written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>Appends an attribute with an arbitrary value, zero-padded to 4 bytes.</summary>
    public void AddAttribute(ushort type, scoped ReadOnlySpan<byte> value) => value.CopyTo(Reserve(type, value.Length));

    /// <summary>USERNAME (UTF-8, at most 763 bytes per §14.3).</summary>
    public void AddUsername(string username)
    {
        int byteCount = Encoding.UTF8.GetByteCount(username);
        Encoding.UTF8.GetBytes(username, Reserve(StunAttributeType.Username, byteCount));
    }

    /// <summary>SOFTWARE description.</summary>
    public void AddSoftware(string software)
    {
        int byteCount = Encoding.UTF8.GetByteCount(software);
        Encoding.UTF8.GetBytes(software, Reserve(StunAttributeType.Software, byteCount));
    }

    /// <summary>PRIORITY (RFC 8445 §7.1.1).</summary>
    public void AddPriority(uint priority) =>
        BinaryPrimitives.WriteUInt32BigEndian(Reserve(StunAttributeType.Priority, 4), priority);

    /// <summary>USE-CANDIDATE (empty).</summary>
    public void AddUseCandidate() => Reserve(StunAttributeType.UseCandidate, 0);

    /// <summary>ICE-CONTROLLING with its tie-breaker.</summary>
    public void AddIceControlling(ulong tieBreaker) =>
        BinaryPrimitives.WriteUInt64BigEndian(Reserve(StunAttributeType.IceControlling, 8), tieBreaker);

    /// <summary>ICE-CONTROLLED with its tie-breaker.</summary>
    public void AddIceControlled(ulong tieBreaker) =>
        BinaryPrimitives.WriteUInt64BigEndian(Reserve(StunAttributeType.IceControlled, 8), tieBreaker);

    /// <summary>XOR-MAPPED-ADDRESS for the source address the request came from.</summary>
    public void AddXorMappedAddress(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        int length = StunXorAddress.GetEncodedLength(endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address);
        StunXorAddress.Encode(endPoint, _buffer.Slice(8, StunConstants.TransactionIdLength), Reserve(StunAttributeType.XorMappedAddress, length));
    }

    /// <summary>ERROR-CODE (§14.8): e.g. 400 Bad Request, 401 Unauthorized, 487 Role Conflict.</summary>
    public void AddErrorCode(int code, string reason)
    {
        if (code is < 300 or > 699)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(code), "STUN error codes are 300..699.");
        }

        int reasonLength = Encoding.UTF8.GetByteCount(reason);
        Span<byte> value = Reserve(StunAttributeType.ErrorCode, 4 + reasonLength);
        value[0] = 0;
        value[1] = 0;
        value[2] = (byte)(code / 100);
        value[3] = (byte)(code % 100);
        Encoding.UTF8.GetBytes(reason, value[4..]);
    }

    /// <summary>MESSAGE-INTEGRITY keyed with the short-term key (ICE password bytes).</summary>
    public void AddMessageIntegrity(scoped ReadOnlySpan<byte> key)
    {
        int prefixLength = _length;
        Span<byte> value = Reserve(StunAttributeType.MessageIntegrity, StunConstants.MessageIntegrityLength);
        StunIntegrity.ComputeMessageIntegrity(_buffer[..prefixLength], key, value);
    }

    /// <summary>FINGERPRINT, which must be the last attribute.</summary>
    public void AddFingerprint()
    {
        int prefixLength = _length;
        Span<byte> value = Reserve(StunAttributeType.Fingerprint, 4);
        BinaryPrimitives.WriteUInt32BigEndian(value, StunIntegrity.ComputeFingerprint(_buffer[..prefixLength]));
    }

    private Span<byte> Reserve(ushort type, int valueLength)
    {
        int padded = (valueLength + 3) & ~3;
        int total = StunConstants.AttributeHeaderLength + padded;
        if (_length + total > _buffer.Length || _length + total - StunConstants.HeaderLength > ushort.MaxValue)
        {
            ThrowHelper.DestinationTooSmall("destination");
        }

        Span<byte> attribute = _buffer.Slice(_length, total);
        BinaryPrimitives.WriteUInt16BigEndian(attribute, type);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[2..], (ushort)valueLength);
        attribute[(StunConstants.AttributeHeaderLength + valueLength)..].Clear();
        _length += total;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)(_length - StunConstants.HeaderLength));
        return attribute.Slice(StunConstants.AttributeHeaderLength, valueLength);
    }
}
