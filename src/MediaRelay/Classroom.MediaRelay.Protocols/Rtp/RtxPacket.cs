using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// RFC 4588 §4 retransmission packet writer for the per-player NACK path: the original header
/// (timestamp, marker, CSRCs, extension block) under the RTX payload type, SSRC and sequence
/// number, then the 2-byte original sequence number (OSN) and the original payload; padding is
/// not carried over. Unlike <see cref="RtpRetransmission.Wrap"/> it never throws (a cached
/// packet is trusted, but a bug must not take the send loop down): 0 means nothing was written.
/// </summary>
public static class RtxPacket
{
    /// <summary>
    /// Writes the RTX form of <paramref name="plainRtp"/> into <paramref name="destination"/>;
    /// returns its length, or 0 when the input is not valid RTP or the destination is too short
    /// (it needs the original length + 2 at most).
    /// </summary>
    public static int Write(ReadOnlySpan<byte> plainRtp, Span<byte> destination, byte rtxPayloadType, uint rtxSsrc, ushort rtxSequence)
    {
        if (!RtpHeader.TryRead(plainRtp, out RtpHeader header))
        {
            return 0;
        }

        ReadOnlySpan<byte> payload = header.Payload;
        int headerLength = header.HeaderLength;
        int length = headerLength + RtpRetransmission.Overhead + payload.Length;
        if (destination.Length < length || destination.Overlaps(plainRtp))
        {
            return 0;
        }

        plainRtp[..headerLength].CopyTo(destination);
        destination[0] &= 0xDF; // P cleared: padding is not carried over
        destination[1] = (byte)((destination[1] & 0x80) | (rtxPayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], rtxSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], rtxSsrc);
        BinaryPrimitives.WriteUInt16BigEndian(destination[headerLength..], header.SequenceNumber);
        payload.CopyTo(destination[(headerLength + RtpRetransmission.Overhead)..]);
        return length;
    }
}
