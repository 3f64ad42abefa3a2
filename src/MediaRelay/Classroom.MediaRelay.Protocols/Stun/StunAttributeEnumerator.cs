using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// Walks the type-length-value attributes of a message (RFC 8489 §14). Values are padded to a
/// 4-byte boundary; the length field gives the unpadded size. The reader has validated the whole
/// walk already, so this never meets a truncated attribute.
/// </summary>
public ref struct StunAttributeEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private int _next;
    private StunAttribute _current;

    internal StunAttributeEnumerator(ReadOnlySpan<byte> message)
    {
        _message = message;
        _next = StunConstants.HeaderLength;
        _current = default;
    }

    /// <summary>The attribute the enumerator is on.</summary>
    public readonly StunAttribute Current => _current;

    /// <summary>Allows <c>foreach</c>.</summary>
    public readonly StunAttributeEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next attribute; false at the end.</summary>
    public bool MoveNext()
    {
        if (_next + StunConstants.AttributeHeaderLength > _message.Length)
        {
            return false;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(_message[_next..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(_message[(_next + 2)..]);
        int valueStart = _next + StunConstants.AttributeHeaderLength;
        if (valueStart + length > _message.Length)
        {
            return false;
        }

        _current = new StunAttribute(type, _next, _message.Slice(valueStart, length));
        _next = valueStart + ((length + 3) & ~3);
        return true;
    }
}
