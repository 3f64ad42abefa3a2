using System.Buffers.Binary;
using Classroom.MediaRelay.Protocols.Internal;

namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// Builds an RTP packet into a caller-provided span (RFC 3550 §5.1, RFC 8285 §4). Call order:
/// constructor, <see cref="AddCsrc"/>*, <see cref="AddExtension"/>*, then <see cref="Complete"/>.
/// Throws <see cref="ArgumentException"/> on a destination too small or calls out of order
/// (caller bugs); nothing here parses untrusted input.
/// </summary>
public ref struct RtpWriter
{
    private readonly Span<byte> _buffer;
    private readonly bool _twoByte;
    private int _length;
    private int _extensionStart;

    /// <summary>Writes the fixed header.</summary>
    /// <param name="destination">Where the packet goes.</param>
    /// <param name="payloadType">7-bit payload type.</param>
    /// <param name="sequenceNumber">Sequence number.</param>
    /// <param name="timestamp">Media timestamp.</param>
    /// <param name="ssrc">Synchronization source.</param>
    /// <param name="marker">M bit.</param>
    /// <param name="twoByteExtensions">Use the RFC 8285 two-byte form (ids up to 255, values up to 255 bytes).</param>
    public RtpWriter(Span<byte> destination, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, bool marker = false, bool twoByteExtensions = false)
    {
        if (destination.Length < RtpLayout.FixedHeaderLength)
        {
            ThrowHelper.DestinationTooSmall(nameof(destination));
        }

        _buffer = destination;
        _twoByte = twoByteExtensions;
        _extensionStart = -1;
        destination[0] = 0x80;
        destination[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
        _length = RtpLayout.FixedHeaderLength;
    }

    /// <summary>Appends a contributing source (at most 15, before any extension).</summary>
    public void AddCsrc(uint csrc)
    {
        if (_extensionStart >= 0 || (_buffer[0] & 0x0F) == 15)
        {
            ThrowHelper.Argument(nameof(csrc), "CSRCs come before extensions and are at most 15.");
        }

        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_length..], csrc);
        _length += 4;
        _buffer[0]++;
    }

    /// <summary>Appends an RFC 8285 element in the form chosen at construction.</summary>
    public void AddExtension(byte id, scoped ReadOnlySpan<byte> value)
    {
        bool valid = _twoByte
            ? id != 0 && value.Length <= 255
            : id is >= 1 and <= 14 && value.Length is >= 1 and <= 16;
        if (!valid)
        {
            ThrowHelper.Argument(nameof(id), "Extension id or length does not fit the chosen RFC 8285 form.");
        }

        if (_extensionStart < 0)
        {
            Ensure(4);
            _extensionStart = _length;
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[_length..], _twoByte ? RtpExtensionProfile.TwoByte : RtpExtensionProfile.OneByte);
            _length += 4;
            _buffer[0] |= 0x10;
        }

        int elementHeader = _twoByte ? 2 : 1;
        Ensure(elementHeader + value.Length);
        if (_twoByte)
        {
            _buffer[_length] = id;
            _buffer[_length + 1] = (byte)value.Length;
        }
        else
        {
            _buffer[_length] = (byte)((id << 4) | (value.Length - 1));
        }

        value.CopyTo(_buffer[(_length + elementHeader)..]);
        _length += elementHeader + value.Length;
    }

    /// <summary>
    /// Closes the extension block (zero-padded to 32 bits), appends payload and optional padding
    /// (1..255 bytes, last byte = count, §5.1), and returns the packet length.
    /// </summary>
    public int Complete(scoped ReadOnlySpan<byte> payload, byte paddingLength = 0)
    {
        if (_extensionStart >= 0)
        {
            int dataLength = _length - _extensionStart - 4;
            int padded = (dataLength + 3) & ~3;
            Ensure(padded - dataLength);
            _buffer.Slice(_length, padded - dataLength).Clear();
            _length += padded - dataLength;
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_extensionStart + 2)..], (ushort)(padded / 4));
            _extensionStart = int.MaxValue; // closed: no more CSRCs or elements
        }

        Ensure(payload.Length + paddingLength);
        payload.CopyTo(_buffer[_length..]);
        _length += payload.Length;
        if (paddingLength > 0)
        {
            _buffer.Slice(_length, paddingLength - 1).Clear();
            _buffer[_length + paddingLength - 1] = paddingLength;
            _length += paddingLength;
            _buffer[0] |= 0x20;
        }

        return _length;
    }

    private readonly void Ensure(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            ThrowHelper.DestinationTooSmall("destination");
        }
    }
}
