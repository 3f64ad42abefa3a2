using System.Buffers.Binary;

namespace Classroom.MediaRelay.Interim.Rtp;

/// <summary>
/// INTERIM until Classroom.MediaRelay.Protocols.Rtp lands: the fixed RTP header fields the relay
/// reads and rewrites (RFC 3550 §5.1: PT in byte 1 below the marker bit, SSRC at offset 8).
/// </summary>
internal static class InterimRtpFields
{
    public const int FixedHeaderLength = 12;

    public static bool IsValid(ReadOnlySpan<byte> packet) => packet.Length >= FixedHeaderLength && (packet[0] >> 6) == 2;

    public static int PayloadType(ReadOnlySpan<byte> packet) => packet[1] & 0x7F;

    public static uint Ssrc(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);

    /// <summary>Sets PT (keeping the marker bit) and SSRC in place.</summary>
    public static void Rewrite(Span<byte> packet, int payloadType, uint ssrc)
    {
        packet[1] = (byte)((packet[1] & 0x80) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);
    }
}
