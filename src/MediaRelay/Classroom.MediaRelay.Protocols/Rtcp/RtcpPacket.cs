using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// One packet of a compound RTCP datagram (RFC 3550 §6.4.1 common header):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|  RC/FMT |      PT       |   length (32-bit words − 1)   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly ref struct RtcpPacket
{
    private RtcpPacket(ReadOnlySpan<byte> packet, int paddingLength)
    {
        Packet = packet;
        Body = packet[4..(packet.Length - paddingLength)];
    }

    /// <summary>The packet with its header and any padding.</summary>
    public ReadOnlySpan<byte> Packet { get; }

    /// <summary>Everything after the 4-byte header, padding removed.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>Report count, source count or feedback message type (5 bits).</summary>
    public int Count => Packet[0] & 0x1F;

    /// <summary>Alias of <see cref="Count"/> for feedback packets.</summary>
    public int Format => Count;

    /// <summary>Packet type (<see cref="RtcpPacketType"/>).</summary>
    public byte PacketType => Packet[1];

    /// <summary>SSRC of the sender (first body word); 0 when the body is empty.</summary>
    public uint SenderSsrc => Body.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(Body) : 0;

    /// <summary>
    /// Reads the packet at the start of <paramref name="data"/>. False for: under 4 bytes,
    /// version ≠ 2, length 0 (no RTCP packet is header-only), length past the end, or a padding
    /// count of 0 or larger than the body.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out RtcpPacket packet, out int consumed)
    {
        packet = default;
        consumed = 0;
        if (data.Length < 4 || (data[0] >> 6) != 2)
        {
            return false;
        }

        int words = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        int length = (words + 1) * 4;
        if (words == 0 || length > data.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> bytes = data[..length];
        int padding = 0;
        if ((data[0] & 0x20) != 0)
        {
            padding = bytes[^1];
            if (padding == 0 || padding > length - 4)
            {
                return false;
            }
        }

        packet = new RtcpPacket(bytes, padding);
        consumed = length;
        return true;
    }
}
