using System.Buffers.Binary;
using System.Text;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>BYE (RFC 3550 §6.6): SC SSRCs leaving, then an optional length-prefixed reason.</summary>
public readonly ref struct RtcpGoodbye
{
    private RtcpGoodbye(ReadOnlySpan<byte> body, int sourceCount, ReadOnlySpan<byte> reason)
    {
        Body = body;
        SourceCount = sourceCount;
        Reason = reason;
    }

    /// <summary>The packet body.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>Number of SSRCs.</summary>
    public int SourceCount { get; }

    /// <summary>UTF-8 reason, empty when absent.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    /// <summary>Parses a BYE; false when it is not PT 203 or the SSRCs/reason overrun it.</summary>
    public static bool TryRead(in RtcpPacket packet, out RtcpGoodbye goodbye)
    {
        goodbye = default;
        ReadOnlySpan<byte> body = packet.Body;
        int ssrcBytes = packet.Count * 4;
        if (packet.PacketType != RtcpPacketType.Goodbye || body.Length < ssrcBytes)
        {
            return false;
        }

        ReadOnlySpan<byte> reason = default;
        if (body.Length > ssrcBytes)
        {
            int length = body[ssrcBytes];
            if (ssrcBytes + 1 + length > body.Length)
            {
                return false;
            }

            reason = body.Slice(ssrcBytes + 1, length);
        }

        goodbye = new RtcpGoodbye(body, packet.Count, reason);
        return true;
    }

    /// <summary>SSRC number <paramref name="index"/>.</summary>
    public uint GetSsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)SourceCount, nameof(index));
        return BinaryPrimitives.ReadUInt32BigEndian(Body[(index * 4)..]);
    }

    /// <summary>Writes a BYE; returns its length.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<uint> ssrcs, string? reason = null)
    {
        int reasonLength = reason is null ? 0 : Encoding.UTF8.GetByteCount(reason);
        if (reasonLength > 255)
        {
            throw new ArgumentException("A BYE reason is at most 255 bytes.", nameof(reason));
        }

        int reasonBlock = reason is null ? 0 : (1 + reasonLength + 3) & ~3;
        int length = 4 + (ssrcs.Length * 4) + reasonBlock;
        Span<byte> packet = RtcpHeaderWriter.Begin(destination, ssrcs.Length, RtcpPacketType.Goodbye, length);
        packet[4..].Clear();
        for (int i = 0; i < ssrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet[(4 + (i * 4))..], ssrcs[i]);
        }

        if (reason is not null)
        {
            int at = 4 + (ssrcs.Length * 4);
            packet[at] = (byte)reasonLength;
            Encoding.UTF8.GetBytes(reason, packet[(at + 1)..]);
        }

        return length;
    }
}
