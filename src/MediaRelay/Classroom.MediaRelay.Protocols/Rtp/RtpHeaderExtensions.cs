using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// RFC 8285 header-extension helpers for the per-consumer send path: find one element in a raw
/// packet, and replace a publisher's whole extension block with the one element a player
/// negotiated (abs-send-time). Nothing here allocates or throws: malformed input gives
/// false / 0, so a hostile packet costs one comparison, never an exception.
/// </summary>
public static class RtpHeaderExtensions
{
    /// <summary>Bytes a block with a single abs-send-time element takes: 4 block header + 1 element header + 3 value.</summary>
    public const int AbsSendTimeBlockLength = 8;

    /// <summary>
    /// Finds the element with local id <paramref name="id"/> in the one-byte (0xBEDE, ids 1..14)
    /// or two-byte (0x100x, ids 1..255) extension block. False when the packet is not RTP
    /// version 2, is cut short, has no RFC 8285 block, or lacks the id.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> rtpPacket, int id, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (id is < 1 or > 255 || !TryGetBlock(rtpPacket, out int blockStart, out int headerLength))
        {
            return false;
        }

        ushort profile = BinaryPrimitives.ReadUInt16BigEndian(rtpPacket[blockStart..]);
        bool twoByte;
        if (profile == RtpExtensionProfile.OneByte)
        {
            if (id > 14)
            {
                return false; // §4.2: a one-byte block cannot carry ids above 14
            }

            twoByte = false;
        }
        else if ((profile & RtpExtensionProfile.TwoByteMask) == RtpExtensionProfile.TwoByte)
        {
            twoByte = true;
        }
        else
        {
            return false;
        }

        var elements = new RtpExtensionEnumerator(rtpPacket[(blockStart + 4)..headerLength], blockStart + 4, twoByte);
        while (elements.MoveNext())
        {
            if (elements.Current.Id == id)
            {
                value = elements.Current.Value;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Rewrites the plain (unencrypted) RTP packet in <c>buffer[..length]</c> so its only
    /// extension is a one-byte-header block (0xBEDE) holding abs-send-time under
    /// <paramref name="id"/>: any existing block is dropped, the X bit set, the payload (and any
    /// padding, which stays valid) moved. Needs at most <see cref="AbsSendTimeBlockLength"/>
    /// bytes beyond <paramref name="length"/>. Returns the new length, or 0 (buffer untouched)
    /// when the packet is malformed, <paramref name="id"/> is outside 1..14 or the buffer is too short.
    /// </summary>
    public static int ReplaceWithAbsSendTime(Span<byte> buffer, int length, int id, uint absSendTime24)
    {
        if (id is < 1 or > 14 || length < 0 || length > buffer.Length
            || !RtpLayout.TryGetHeaderLength(buffer, length, out int headerLength))
        {
            return 0;
        }

        int blockStart = RtpLayout.FixedHeaderLength + ((buffer[0] & 0x0F) * 4);
        int payloadLength = length - headerLength;
        int newPayloadStart = blockStart + AbsSendTimeBlockLength;
        int newLength = newPayloadStart + payloadLength;
        if (newLength > buffer.Length)
        {
            return 0;
        }

        // Span.CopyTo is memmove: safe when the old and new payload ranges overlap.
        buffer.Slice(headerLength, payloadLength).CopyTo(buffer[newPayloadStart..]);
        Span<byte> block = buffer.Slice(blockStart, AbsSendTimeBlockLength);
        BinaryPrimitives.WriteUInt16BigEndian(block, RtpExtensionProfile.OneByte);
        BinaryPrimitives.WriteUInt16BigEndian(block[2..], 1); // one 32-bit word of elements
        block[4] = (byte)((id << 4) | (3 - 1)); // §4.2: L is length − 1
        RtpExtensionValues.WriteAbsSendTime(block[5..], absSendTime24 & 0xFFFFFF);
        buffer[0] |= 0x10;
        return newLength;
    }

    /// <summary>
    /// Drops the extension block of the plain RTP packet in <c>buffer[..length]</c> (X cleared,
    /// payload moved up), for a player that negotiated no extension the relay writes: the
    /// publisher's ids mean nothing to it. Returns the new length (the same when there was no
    /// block), or 0 (buffer untouched) when the packet is malformed.
    /// </summary>
    public static int Remove(Span<byte> buffer, int length)
    {
        if (length < 0 || length > buffer.Length || !RtpLayout.TryGetHeaderLength(buffer, length, out int headerLength))
        {
            return 0;
        }

        if ((buffer[0] & 0x10) == 0)
        {
            return length;
        }

        int blockStart = RtpLayout.FixedHeaderLength + ((buffer[0] & 0x0F) * 4);
        int payloadLength = length - headerLength;
        buffer.Slice(headerLength, payloadLength).CopyTo(buffer[blockStart..]);
        buffer[0] &= 0xEF;
        return blockStart + payloadLength;
    }

    private static bool TryGetBlock(ReadOnlySpan<byte> packet, out int blockStart, out int headerLength)
    {
        blockStart = 0;
        if (!RtpLayout.TryGetHeaderLength(packet, packet.Length, out headerLength) || (packet[0] & 0x10) == 0)
        {
            return false;
        }

        blockStart = RtpLayout.FixedHeaderLength + ((packet[0] & 0x0F) * 4);
        return true;
    }
}
