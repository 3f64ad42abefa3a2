using System.Text;
using Classroom.MediaRelay.Protocols.Rtcp;

namespace Classroom.MediaRelay.Protocols.Tests.Rtcp;

public class RtcpPacketTests
{
    // SR (one report block) + SDES CNAME "abcd", the compound a browser sends every second or so.
    private static readonly byte[] SrSdes = Hex.Parse(@"
        81 c8 00 0c  11 22 33 44  e6 5f 1a 2b 80 00 00 00  00 01 e2 40  00 00 00 64  00 00 3a 98
        55 66 77 88  05 ff ff fe  00 01 00 10  00 00 00 20  12 34 56 78  00 01 00 00
        81 ca 00 03  11 22 33 44  01 04 61 62 63 64 00 00");

    [Fact]
    public void Compound_sender_report_and_sdes()
    {
        var reader = new RtcpCompoundReader(SrSdes);
        Assert.True(reader.TryReadNext(out RtcpPacket first));
        Assert.True(RtcpSenderReport.TryRead(first, out RtcpSenderReport sr));
        Assert.Equal(0x11223344u, sr.Ssrc);
        Assert.Equal(0xe65f1a2b80000000ul, sr.NtpTimestamp);
        Assert.Equal(123456u, sr.RtpTimestamp);
        Assert.Equal(100u, sr.PacketCount);
        Assert.Equal(15000u, sr.OctetCount);
        Assert.Equal(1, sr.ReportCount);
        RtcpReportBlock block = sr.GetReportBlock(0);
        Assert.Equal(new RtcpReportBlock(0x55667788, 5, -2, 0x00010010, 0x20, 0x12345678, 0x00010000), block);

        Assert.True(reader.TryReadNext(out RtcpPacket second));
        Assert.True(RtcpSourceDescription.TryGetCname(second, 0, out uint ssrc, out ReadOnlySpan<byte> cname));
        Assert.Equal(0x11223344u, ssrc);
        Assert.Equal("abcd", Encoding.ASCII.GetString(cname));
        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.IsMalformed);
        Assert.True(RtcpCompoundReader.IsValid(SrSdes));
    }

    [Fact]
    public void Writers_reproduce_the_golden_compound()
    {
        var buffer = new byte[128];
        int length = RtcpSenderReport.Write(buffer, 0x11223344, 0xe65f1a2b80000000, 123456, 100, 15000,
            [new RtcpReportBlock(0x55667788, 5, -2, 0x00010010, 0x20, 0x12345678, 0x00010000)]);
        length += RtcpSourceDescription.WriteCname(buffer.AsSpan(length), 0x11223344, "abcd");
        Assert.Equal(Hex.Format(SrSdes), Hex.Format(buffer.AsSpan(0, length)));
    }

    [Theory]
    [InlineData("81 c9 00 00")] // length 0
    [InlineData("81 c9 00 07 11 22 33 44")] // length past the end
    [InlineData("41 c9 00 01 11 22 33 44")] // version 1
    [InlineData("a0 c9 00 01 11 22 33 00")] // padding count 0
    [InlineData("a0 c9 00 01 11 22 33 09")] // padding larger than the packet
    [InlineData("81 c9")] // shorter than a header
    [InlineData("")]
    public void Malformed_compounds_are_refused(string hex) =>
        Assert.False(RtcpCompoundReader.IsValid(Hex.Parse(hex)));

    [Fact]
    public void Report_count_past_the_end_is_refused()
    {
        byte[] rr = Hex.Parse("82 c9 00 07 11 22 33 44 55 66 77 88 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
        var reader = new RtcpCompoundReader(rr);
        Assert.True(reader.TryReadNext(out RtcpPacket packet));
        Assert.False(RtcpReceiverReport.TryRead(packet, out _)); // RC = 2 but one block
    }

    [Fact]
    public void Receiver_report_and_bye_round_trip()
    {
        var buffer = new byte[128];
        int length = RtcpReceiverReport.Write(buffer, 1, [new RtcpReportBlock(2, 0, 0x7FFFFF, 3, 4, 5, 6), new RtcpReportBlock(7, 255, -0x800000, 8, 9, 10, 11)]);
        int byeStart = length;
        length += RtcpGoodbye.Write(buffer.AsSpan(length), [9, 10], "下课了");
        var reader = new RtcpCompoundReader(buffer.AsSpan(0, length));
        Assert.True(reader.TryReadNext(out RtcpPacket rrPacket));
        Assert.True(RtcpReceiverReport.TryRead(rrPacket, out RtcpReceiverReport rr));
        Assert.Equal(1u, rr.Ssrc);
        Assert.Equal(new RtcpReportBlock(7, 255, -0x800000, 8, 9, 10, 11), rr.GetReportBlock(1));
        Assert.True(reader.TryReadNext(out RtcpPacket byePacket));
        Assert.True(RtcpGoodbye.TryRead(byePacket, out RtcpGoodbye bye));
        Assert.Equal(2, bye.SourceCount);
        Assert.Equal(10u, bye.GetSsrc(1));
        Assert.Equal("下课了", Encoding.UTF8.GetString(bye.Reason));
        Assert.Equal(0, byeStart % 4);
    }

    [Fact]
    public void Nack_expands_pid_and_blp()
    {
        // PID 100, BLP 0b0000_0000_0000_0101: 100, 101, 103.  PID 200, BLP 0x8000: 200, 216.
        byte[] nack = Hex.Parse("81 cd 00 04 00 00 00 01 00 00 00 02 00 64 00 05 00 c8 80 00");
        var reader = new RtcpCompoundReader(nack);
        Assert.True(reader.TryReadNext(out RtcpPacket packet));
        Assert.True(RtcpNack.TryRead(packet, out RtcpFeedbackHeader header));
        Assert.Equal(1u, header.SenderSsrc);
        Assert.Equal(2u, header.MediaSsrc);
        Span<ushort> lost = stackalloc ushort[RtcpNack.MaxSequenceNumbers(header.Fci)];
        int count = RtcpNack.GetLostSequenceNumbers(header.Fci, lost);
        Assert.Equal(new ushort[] { 100, 101, 103, 200, 216 }, lost[..count].ToArray());

        var buffer = new byte[64];
        int length = RtcpNack.Write(buffer, 1, 2, [100, 101, 103, 200, 216]);
        Assert.Equal(Hex.Format(nack), Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void Nack_packs_across_the_sequence_wrap()
    {
        var buffer = new byte[64];
        int length = RtcpNack.Write(buffer, 1, 2, [65534, 65535, 0, 1]);
        Assert.Equal(16, length); // one entry
        var reader = new RtcpCompoundReader(buffer.AsSpan(0, length));
        Assert.True(reader.TryReadNext(out RtcpPacket packet));
        Assert.True(RtcpNack.TryRead(packet, out RtcpFeedbackHeader header));
        Span<ushort> lost = stackalloc ushort[17];
        int count = RtcpNack.GetLostSequenceNumbers(header.Fci, lost);
        Assert.Equal(new ushort[] { 65534, 65535, 0, 1 }, lost[..count].ToArray());
    }

    [Fact]
    public void Pli_fir_and_remb()
    {
        var buffer = new byte[64];
        int length = RtcpPictureLoss.Write(buffer, 1, 0xAABBCCDD);
        Assert.Equal("81ce000200000001aabbccdd", Hex.Format(buffer.AsSpan(0, length)));
        length += RtcpFullIntraRequest.Write(buffer.AsSpan(length), 1, 0xAABBCCDD, 7);
        length += RtcpRemb.Write(buffer.AsSpan(length), 1, 1_500_000, [0xAABBCCDD, 0x01020304]);

        var reader = new RtcpCompoundReader(buffer.AsSpan(0, length));
        Assert.True(reader.TryReadNext(out RtcpPacket pli));
        Assert.True(RtcpPictureLoss.TryRead(pli, out uint sender, out uint media));
        Assert.Equal((1u, 0xAABBCCDDu), (sender, media));
        Assert.True(reader.TryReadNext(out RtcpPacket fir));
        Assert.False(RtcpPictureLoss.TryRead(fir, out _, out _));
        Assert.True(RtcpFullIntraRequest.TryRead(fir, out RtcpFeedbackHeader firHeader));
        Assert.Equal(0u, firHeader.MediaSsrc);
        Assert.Equal(1, RtcpFullIntraRequest.EntryCount(firHeader));
        Assert.Equal((0xAABBCCDDu, (byte)7), RtcpFullIntraRequest.GetEntry(firHeader, 0));
        Assert.True(reader.TryReadNext(out RtcpPacket remb));
        Assert.True(RtcpRemb.TryRead(remb, out uint rembSender, out ulong bitrate, out int ssrcCount, out _));
        Assert.Equal(1u, rembSender);
        Assert.Equal(1_500_000ul, bitrate); // 1.5 Mbit/s = 187500·2^3, exact in 18 bits
        Assert.Equal(2, ssrcCount);
        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.IsMalformed);
    }

    [Fact]
    public void Remb_from_chromium_decodes()
    {
        // "REMB", 1 SSRC, exp 4, mantissa 0x3d090 (250000) → 4,000,000 bit/s.
        byte[] remb = Hex.Parse("8f ce 00 05 00 00 00 01 00 00 00 00 52 45 4d 42 01 13 d0 90 aa bb cc dd");
        var reader = new RtcpCompoundReader(remb);
        Assert.True(reader.TryReadNext(out RtcpPacket packet));
        Assert.True(RtcpRemb.TryRead(packet, out _, out ulong bitrate, out int count, out ReadOnlySpan<byte> ssrcs));
        Assert.Equal(4_000_000ul, bitrate);
        Assert.Equal(1, count);
        Assert.Equal("aabbccdd", Hex.Format(ssrcs));
    }
}
