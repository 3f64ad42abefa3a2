using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.MediaRelay.Protocols.Tests.Rtp;

public class RtpExtensionValuesTests
{
    [Fact]
    public void Transport_sequence_and_abs_send_time_round_trip_through_a_packet()
    {
        var buffer = new byte[64];
        Span<byte> twcc = stackalloc byte[2];
        RtpExtensionValues.WriteTransportSequence(twcc, 0xBEEF);
        Span<byte> ast = stackalloc byte[3];
        uint time = RtpExtensionValues.ToAbsSendTime(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0x060000u, time); // 1.5 s in 6.18 fixed point
        RtpExtensionValues.WriteAbsSendTime(ast, time);
        var writer = new RtpWriter(buffer, 96, 1, 2, 3);
        writer.AddExtension(3, twcc);
        writer.AddExtension(2, ast);
        writer.AddExtension(10, "h"u8);
        int length = writer.Complete([1, 2, 3]);

        Assert.True(RtpHeader.TryRead(buffer.AsSpan(0, length), out RtpHeader header));
        Assert.True(header.TryGetExtension(3, out ReadOnlySpan<byte> twccValue));
        Assert.True(RtpExtensionValues.TryReadTransportSequence(twccValue, out ushort sequence));
        Assert.Equal(0xBEEF, sequence);
        Assert.True(header.TryGetExtension(2, out ReadOnlySpan<byte> astValue));
        Assert.True(RtpExtensionValues.TryReadAbsSendTime(astValue, out uint readTime));
        Assert.Equal(time, readTime);
        Assert.True(header.TryGetExtension(10, out ReadOnlySpan<byte> rid));
        Assert.True(RtpExtensionValues.SdesEquals(rid, "h"u8));
        Assert.Equal("h", RtpExtensionValues.SdesToString(rid));
        Assert.False(RtpExtensionValues.TryReadTransportSequence([1], out _));
    }

    [Fact]
    public void Abs_send_time_wraps_every_64_seconds() =>
        Assert.Equal(RtpExtensionValues.ToAbsSendTime(TimeSpan.FromSeconds(1)), RtpExtensionValues.ToAbsSendTime(TimeSpan.FromSeconds(65)));
}
