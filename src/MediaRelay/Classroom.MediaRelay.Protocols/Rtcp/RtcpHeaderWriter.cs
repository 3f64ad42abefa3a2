using System.Buffers.Binary;
using Classroom.MediaRelay.Protocols.Internal;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>Writes the common header once the packet's size is known.</summary>
internal static class RtcpHeaderWriter
{
    /// <summary>Checks room for <paramref name="length"/> bytes (a multiple of 4) and writes the header.</summary>
    public static Span<byte> Begin(Span<byte> destination, int count, byte packetType, int length)
    {
        if (destination.Length < length)
        {
            ThrowHelper.DestinationTooSmall(nameof(destination));
        }

        if (count is < 0 or > 31)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(count), "RTCP counts are 5 bits.");
        }

        Span<byte> packet = destination[..length];
        packet[0] = (byte)(0x80 | count);
        packet[1] = packetType;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)((length / 4) - 1));
        return packet;
    }
}
