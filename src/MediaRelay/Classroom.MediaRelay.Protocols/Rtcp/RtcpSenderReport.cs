using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// Sender report (RFC 3550 §6.4.1): SSRC, NTP timestamp (64), RTP timestamp, sender packet
/// count, sender octet count, then RC report blocks. The NTP/RTP pair is what receivers use for
/// lip sync and what the relay rewrites per consumer.
/// </summary>
public readonly ref struct RtcpSenderReport
{
    private const int InfoLength = 24;

    private RtcpSenderReport(ReadOnlySpan<byte> body, int reportCount)
    {
        Body = body;
        ReportCount = reportCount;
    }

    /// <summary>The packet body.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>Number of report blocks.</summary>
    public int ReportCount { get; }

    /// <summary>Sender SSRC.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(Body);

    /// <summary>64-bit NTP timestamp (seconds since 1900 in the high word).</summary>
    public ulong NtpTimestamp => BinaryPrimitives.ReadUInt64BigEndian(Body[4..]);

    /// <summary>RTP timestamp corresponding to the NTP time.</summary>
    public uint RtpTimestamp => BinaryPrimitives.ReadUInt32BigEndian(Body[12..]);

    /// <summary>Packets sent.</summary>
    public uint PacketCount => BinaryPrimitives.ReadUInt32BigEndian(Body[16..]);

    /// <summary>Payload octets sent.</summary>
    public uint OctetCount => BinaryPrimitives.ReadUInt32BigEndian(Body[20..]);

    /// <summary>Parses an SR; false when it is not PT 200 or its blocks do not fit.</summary>
    public static bool TryRead(in RtcpPacket packet, out RtcpSenderReport report)
    {
        report = default;
        if (packet.PacketType != RtcpPacketType.SenderReport || packet.Body.Length < InfoLength + (packet.Count * RtcpReportBlock.Length))
        {
            return false;
        }

        report = new RtcpSenderReport(packet.Body, packet.Count);
        return true;
    }

    /// <summary>Report block <paramref name="index"/>.</summary>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)ReportCount, nameof(index));
        return RtcpReportBlock.Read(Body[(InfoLength + (index * RtcpReportBlock.Length))..]);
    }

    /// <summary>Writes an SR; returns its length.</summary>
    public static int Write(Span<byte> destination, uint ssrc, ulong ntpTimestamp, uint rtpTimestamp, uint packetCount, uint octetCount, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        int length = 4 + InfoLength + (blocks.Length * RtcpReportBlock.Length);
        Span<byte> packet = RtcpHeaderWriter.Begin(destination, blocks.Length, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(packet[8..], ntpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[16..], rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[20..], packetCount);
        BinaryPrimitives.WriteUInt32BigEndian(packet[24..], octetCount);
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i].Write(packet[(28 + (i * RtcpReportBlock.Length))..]);
        }

        return length;
    }
}
