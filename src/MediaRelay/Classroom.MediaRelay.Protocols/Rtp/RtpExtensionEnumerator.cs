namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// Walks RFC 8285 elements. One-byte form (§4.2): ID(4) L(4) then L+1 bytes; ID 0 is padding,
/// ID 15 stops the walk. Two-byte form (§4.3): ID(8) L(8) then L bytes; ID 0 is padding.
/// An element that would run past the block ends the walk (the rest is unreadable).
/// </summary>
public ref struct RtpExtensionEnumerator
{
    private readonly ReadOnlySpan<byte> _block;
    private readonly int _blockOffset;
    private readonly bool _twoByte;
    private int _next;
    private RtpExtensionElement _current;

    internal RtpExtensionEnumerator(ReadOnlySpan<byte> block, int blockOffset, bool twoByte)
    {
        _block = block;
        _blockOffset = blockOffset;
        _twoByte = twoByte;
        _next = 0;
        _current = default;
    }

    /// <summary>The element the enumerator is on.</summary>
    public readonly RtpExtensionElement Current => _current;

    /// <summary>Allows <c>foreach</c>.</summary>
    public readonly RtpExtensionEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next element.</summary>
    public bool MoveNext()
    {
        while (_next < _block.Length)
        {
            byte first = _block[_next];
            if (first == 0)
            {
                _next++; // padding between elements
                continue;
            }

            int id;
            int length;
            int valueStart;
            if (_twoByte)
            {
                if (_next + 2 > _block.Length)
                {
                    return false;
                }

                id = first;
                length = _block[_next + 1];
                valueStart = _next + 2;
            }
            else
            {
                id = first >> 4;
                if (id == 15)
                {
                    return false; // §4.2: reserved, processing stops
                }

                length = (first & 0x0F) + 1;
                valueStart = _next + 1;
            }

            if (valueStart + length > _block.Length)
            {
                return false;
            }

            _current = new RtpExtensionElement((byte)id, _blockOffset + valueStart, _block.Slice(valueStart, length));
            _next = valueStart + length;
            return true;
        }

        return false;
    }
}
