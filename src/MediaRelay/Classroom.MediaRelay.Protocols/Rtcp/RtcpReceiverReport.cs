using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>Receiver report (RFC 3550 §6.4.2): reporter SSRC then RC report blocks.</summary>
public readonly ref struct RtcpReceiverReport
{
    private RtcpReceiverReport(ReadOnlySpan<byte> body, int reportCount)
    {
        Body = body;
        ReportCount = reportCount;
    }

    /// <summary>The packet body.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>Number of report blocks.</summary>
    public int ReportCount { get; }

    /// <summary>Reporter SSRC.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(Body);

    /// <summary>Parses an RR; false when it is not PT 201 or its blocks do not fit.</summary>
    public static bool TryRead(in RtcpPacket packet, out RtcpReceiverReport report)
    {
        report = default;
        if (packet.PacketType != RtcpPacketType.ReceiverReport || packet.Body.Length < 4 + (packet.Count * RtcpReportBlock.Length))
        {
            return false;
        }

        report = new RtcpReceiverReport(packet.Body, packet.Count);
        return true;
    }

    /// <summary>Report block <paramref name="index"/>.</summary>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)ReportCount, nameof(index));
        return RtcpReportBlock.Read(Body[(4 + (index * RtcpReportBlock.Length))..]);
    }

    /// <summary>Writes an RR; returns its length.</summary>
    public static int Write(Span<byte> destination, uint ssrc, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        int length = 8 + (blocks.Length * RtcpReportBlock.Length);
        Span<byte> packet = RtcpHeaderWriter.Begin(destination, blocks.Length, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], ssrc);
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i].Write(packet[(8 + (i * RtcpReportBlock.Length))..]);
        }

        return length;
    }
}
