using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// In-place header rewrites the SFU does per consumer (RFC 7667 §3.7: a selective forwarding
/// middlebox rewrites SSRC, sequence number, timestamp and payload type so each receiver sees
/// one continuous stream across simulcast layer switches). The caller has validated the packet.
/// </summary>
public static class RtpRewriter
{
    /// <summary>Replaces the SSRC.</summary>
    public static void SetSsrc(Span<byte> packet, uint ssrc) => BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);

    /// <summary>Replaces the sequence number.</summary>
    public static void SetSequenceNumber(Span<byte> packet, ushort sequence) => BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequence);

    /// <summary>Replaces the timestamp.</summary>
    public static void SetTimestamp(Span<byte> packet, uint timestamp) => BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);

    /// <summary>Replaces the payload type, keeping the marker bit.</summary>
    public static void SetPayloadType(Span<byte> packet, byte payloadType) =>
        packet[1] = (byte)((packet[1] & 0x80) | (payloadType & 0x7F));

    /// <summary>Sets or clears the marker bit.</summary>
    public static void SetMarker(Span<byte> packet, bool marker) =>
        packet[1] = (byte)(marker ? packet[1] | 0x80 : packet[1] & 0x7F);

    /// <summary>
    /// Overwrites an existing extension element of the same length (e.g. transport-wide sequence
    /// number or abs-send-time per consumer); false when the id is absent or the length differs.
    /// </summary>
    public static bool TrySetExtension(Span<byte> packet, byte id, ReadOnlySpan<byte> value)
    {
        if (!RtpHeader.TryRead(packet, out RtpHeader header)
            || !header.TryGetExtensionOffset(id, out int offset, out int length)
            || length != value.Length)
        {
            return false;
        }

        value.CopyTo(packet[offset..]);
        return true;
    }
}
