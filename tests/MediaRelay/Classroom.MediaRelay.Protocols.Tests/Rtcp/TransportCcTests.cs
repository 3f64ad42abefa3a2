using Classroom.MediaRelay.Protocols.Rtcp;

namespace Classroom.MediaRelay.Protocols.Tests.Rtcp;

public class TransportCcTests
{
    [Fact]
    public void Decodes_run_length_and_both_vector_chunks()
    {
        // base 100, 21 packets, reference time 0x000102 (·64 ms), feedback count 5.
        // 0x2003: run-length, status 1 (small delta), run 3        → 100..102 received
        // 0xa801: one-bit vector of 14: 1,0,1,0,0,0,0,0,0,0,0,0,0,1 → 103..116
        // 0xe440: two-bit vector 2,1,0,1 (last 3 symbols unused)   → 117 large, 118 small, 119 lost, 120 small
        // deltas 04 08 0c | 01 | 02 | 03 | fffc | 09 | 0a.
        byte[] packet = Hex.Parse(@"
            8f cd 00 08  00 00 00 01  00 00 00 02
            00 64 00 15  00 01 02 05
            20 03 a8 01  e4 40 04 08  0c 01 02 03
            ff fc 09 0a");
        var reader = new RtcpCompoundReader(packet);
        Assert.True(reader.TryReadNext(out RtcpPacket rtcp));
        Assert.True(TransportCcFeedback.TryRead(rtcp, out TransportCcFeedback feedback));
        Assert.Equal(1u, feedback.SenderSsrc);
        Assert.Equal(2u, feedback.MediaSsrc);
        Assert.Equal(100, feedback.BaseSequenceNumber);
        Assert.Equal(21, feedback.PacketStatusCount);
        Assert.Equal(0x000102, feedback.ReferenceTime);
        Assert.Equal(5, feedback.FeedbackPacketCount);
        var packets = new TransportCcPacket[21];
        Assert.True(feedback.TryGetPackets(packets, out int count));
        Assert.Equal(21, count);
        Assert.Equal(new[] { 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 0, 1 }, packets.Select(p => (int)p.Status));
        Assert.Equal(new[] { 4, 8, 12, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, -4, 9, 0, 10 }, packets.Select(p => p.DeltaTicks));
        Assert.Equal(Enumerable.Range(100, 21).Select(s => (ushort)s), packets.Select(p => p.SequenceNumber));
    }

    [Fact]
    public void Negative_reference_time_is_sign_extended()
    {
        var buffer = new byte[64];
        int length = TransportCcWriter.Write(buffer, 1, 2, 10, -3, 0, [new TransportCcPacket(0, TransportCcStatus.SmallDelta, 5)]);
        var reader = new RtcpCompoundReader(buffer.AsSpan(0, length));
        Assert.True(reader.TryReadNext(out RtcpPacket rtcp));
        Assert.True(TransportCcFeedback.TryRead(rtcp, out TransportCcFeedback feedback));
        Assert.Equal(-3, feedback.ReferenceTime);
    }

    [Fact]
    public void Truncated_deltas_are_refused()
    {
        // Claims 3 small deltas but carries only 1 (padding stripped by P bit).
        byte[] packet = Hex.Parse("af cd 00 05 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 00 20 03 05 01");
        var reader = new RtcpCompoundReader(packet);
        Assert.True(reader.TryReadNext(out RtcpPacket rtcp));
        Assert.True(TransportCcFeedback.TryRead(rtcp, out TransportCcFeedback feedback));
        Assert.False(feedback.TryGetPackets(new TransportCcPacket[3], out _));
    }
}
