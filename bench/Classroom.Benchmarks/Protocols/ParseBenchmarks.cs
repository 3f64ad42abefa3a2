using BenchmarkDotNet.Attributes;
using Classroom.MediaRelay.Protocols.Demux;
using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.Benchmarks.Protocols;

/// <summary>
/// Header parsing on the forwarding path: demux + RTP header view with an extension lookup
/// (mid), and a browser-like RTCP compound (SR + SDES + REMB + NACK) walked and typed.
/// Budget: 0 bytes allocated per op.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class ParseBenchmarks
{
    private readonly byte[] _rtp = new byte[1200];
    private readonly byte[] _rtcp = new byte[256];
    private int _rtcpLength;

    [GlobalSetup]
    public void Setup()
    {
        var writer = new RtpWriter(_rtp, 96, 1234, 90000, 0x11223344, marker: true);
        writer.AddExtension(4, "1"u8);
        writer.AddExtension(2, [1, 2, 3]);
        writer.AddExtension(3, [0, 7]);
        writer.AddExtension(10, "h"u8);
        writer.Complete(new byte[1200 - 28]);

        Span<byte> buffer = _rtcp;
        int length = RtcpSenderReport.Write(buffer, 1, 0xE65F1A2B80000000, 90000, 100, 120000, [new RtcpReportBlock(2, 0, 0, 1000, 5, 6, 7)]);
        length += RtcpSourceDescription.WriteCname(buffer[length..], 1, "q2Yx0l3p9WfKzB7m");
        length += RtcpRemb.Write(buffer[length..], 1, 2_500_000, [0x11223344]);
        length += RtcpNack.Write(buffer[length..], 1, 0x11223344, [100, 101, 105, 130]);
        _rtcpLength = length;
    }

    [Benchmark]
    public int RtpHeaderParse()
    {
        ReadOnlySpan<byte> packet = _rtp;
        if (PacketClassifier.Classify(packet) != PacketKind.Rtp || !RtpHeader.TryRead(packet, out RtpHeader header))
        {
            return -1;
        }

        header.TryGetExtension(4, out ReadOnlySpan<byte> mid);
        return header.SequenceNumber + header.Payload.Length + mid.Length;
    }

    [Benchmark]
    public int RtcpCompoundParse()
    {
        var reader = new RtcpCompoundReader(_rtcp.AsSpan(0, _rtcpLength));
        int sum = 0;
        Span<ushort> lost = stackalloc ushort[34];
        while (reader.TryReadNext(out RtcpPacket packet))
        {
            switch (packet.PacketType)
            {
                case RtcpPacketType.SenderReport when RtcpSenderReport.TryRead(packet, out RtcpSenderReport sr):
                    sum += (int)sr.GetReportBlock(0).Jitter;
                    break;
                case RtcpPacketType.SourceDescription when RtcpSourceDescription.TryGetCname(packet, 0, out _, out ReadOnlySpan<byte> cname):
                    sum += cname.Length;
                    break;
                case RtcpPacketType.PayloadFeedback when RtcpRemb.TryRead(packet, out _, out ulong bitrate, out _, out _):
                    sum += (int)(bitrate >> 10);
                    break;
                case RtcpPacketType.TransportFeedback when RtcpNack.TryRead(packet, out RtcpFeedbackHeader nack):
                    sum += RtcpNack.GetLostSequenceNumbers(nack.Fci, lost);
                    break;
            }
        }

        return reader.IsMalformed ? -1 : sum;
    }
}
