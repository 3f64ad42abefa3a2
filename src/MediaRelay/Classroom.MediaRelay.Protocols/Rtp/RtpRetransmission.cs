using System.Buffers.Binary;
using Classroom.MediaRelay.Protocols.Internal;

namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// RTX payload format (RFC 4588 §4): a retransmission keeps the original header (timestamp,
/// marker, CSRCs, extensions) under the RTX payload type, SSRC and sequence number, and prefixes
/// the payload with the original sequence number (OSN). The relay answers NACKs from its cache
/// with these when the consumer negotiated rtx, so retransmissions do not disturb the media
/// stream's loss statistics (§1).
/// </summary>
public static class RtpRetransmission
{
    /// <summary>Bytes an RTX packet adds to the original (the OSN).</summary>
    public const int Overhead = 2;

    /// <summary>
    /// Writes the RTX form of <paramref name="original"/> (a validated RTP packet) into
    /// <paramref name="destination"/>; padding is dropped. Returns the RTX packet length.
    /// </summary>
    public static int Wrap(ReadOnlySpan<byte> original, Span<byte> destination, byte rtxPayloadType, uint rtxSsrc, ushort rtxSequence)
    {
        if (!RtpHeader.TryRead(original, out RtpHeader header))
        {
            ThrowHelper.Argument(nameof(original), "Not a valid RTP packet.");
        }

        int length = header.HeaderLength + Overhead + header.Payload.Length;
        if (destination.Length < length)
        {
            ThrowHelper.DestinationTooSmall(nameof(destination));
        }

        original[..header.HeaderLength].CopyTo(destination);
        destination[0] &= 0xDF; // padding is not carried over
        BinaryPrimitives.WriteUInt16BigEndian(destination[header.HeaderLength..], header.SequenceNumber);
        header.Payload.CopyTo(destination[(header.HeaderLength + Overhead)..]);
        RtpRewriter.SetPayloadType(destination, rtxPayloadType);
        RtpRewriter.SetSsrc(destination, rtxSsrc);
        RtpRewriter.SetSequenceNumber(destination, rtxSequence);
        return length;
    }

    /// <summary>Reads the original sequence number and payload of an RTX packet.</summary>
    public static bool TryUnwrap(in RtpHeader rtx, out ushort originalSequence, out ReadOnlySpan<byte> originalPayload)
    {
        ReadOnlySpan<byte> payload = rtx.Payload;
        if (payload.Length < Overhead)
        {
            originalSequence = 0;
            originalPayload = default;
            return false;
        }

        originalSequence = BinaryPrimitives.ReadUInt16BigEndian(payload);
        originalPayload = payload[Overhead..];
        return true;
    }
}
