using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.MediaRelay.Protocols.Tests.Rtp;

public class RtpHeaderTests
{
    // A VP8 packet shaped like Chromium sends it: marker, PT 96, one-byte extensions
    // id 1 (sdes:mid "0"), id 3 (transport-wide-cc seq 0x0102), id 2 (abs-send-time), then payload.
    private static readonly byte[] Vp8 = Hex.Parse(@"
        90 e0 12 34  00 01 e2 40  11 22 33 44
        be de 00 03  10 30 31 01 02 22 aa bb cc 00 00 00
        90 e0 80 00 ab cd");

    [Fact]
    public void Reads_fixed_header_and_one_byte_extensions()
    {
        Assert.True(RtpHeader.TryRead(Vp8, out RtpHeader header));
        Assert.Equal(2, header.Version);
        Assert.True(header.Marker);
        Assert.Equal(96, header.PayloadType);
        Assert.Equal(0x1234, header.SequenceNumber);
        Assert.Equal(123456u, header.Timestamp);
        Assert.Equal(0x11223344u, header.Ssrc);
        Assert.Equal(0, header.CsrcCount);
        Assert.Equal(RtpExtensionProfile.OneByte, header.ExtensionProfile);
        Assert.Equal(28, header.HeaderLength);
        Assert.True(header.TryGetExtension(1, out ReadOnlySpan<byte> mid));
        Assert.Equal("30", Hex.Format(mid));
        Assert.True(header.TryGetExtension(3, out ReadOnlySpan<byte> twcc));
        Assert.Equal("0102", Hex.Format(twcc));
        Assert.True(header.TryGetExtension(2, out ReadOnlySpan<byte> absSendTime));
        Assert.Equal("aabbcc", Hex.Format(absSendTime));
        Assert.False(header.TryGetExtension(4, out _));
        Assert.Equal("90e08000abcd", Hex.Format(header.Payload));
    }

    [Fact]
    public void Reads_two_byte_extensions_csrcs_and_padding()
    {
        byte[] packet = Hex.Parse(@"
            b2 6f 00 01  00 00 00 10  00 00 00 aa
            00 00 00 01  00 00 00 02
            10 00 00 02  10 03 61 62 63 00 00 00
            de ad 00 00 03");
        Assert.True(RtpHeader.TryRead(packet, out RtpHeader header));
        Assert.Equal(2, header.CsrcCount);
        Assert.Equal(1u, header.GetCsrc(0));
        Assert.Equal(2u, header.GetCsrc(1));
        Assert.True(header.HasPadding);
        Assert.Equal(3, header.PaddingLength);
        Assert.True(header.TryGetExtension(16, out ReadOnlySpan<byte> value));
        Assert.Equal("abc", System.Text.Encoding.ASCII.GetString(value));
        Assert.Equal("dead", Hex.Format(header.Payload));
    }

    [Theory]
    [InlineData("80 60 00 01 00 00 00 01 00 00 00")] // 11 bytes
    [InlineData("40 60 00 01 00 00 00 01 00 00 00 01")] // version 1
    [InlineData("82 60 00 01 00 00 00 01 00 00 00 01 00 00 00 01")] // CC=2, one CSRC present
    [InlineData("90 60 00 01 00 00 00 01 00 00 00 01 be de")] // extension header cut
    [InlineData("90 60 00 01 00 00 00 01 00 00 00 01 be de 00 02 10 41 00 00")] // extension length past the end
    [InlineData("a0 60 00 01 00 00 00 01 00 00 00 01 aa 00")] // padding count 0
    [InlineData("a0 60 00 01 00 00 00 01 00 00 00 01 aa 03")] // padding larger than payload
    public void Malformed_packets_are_refused(string hex) =>
        Assert.False(RtpHeader.TryRead(Hex.Parse(hex), out _));

    [Fact]
    public void Padding_may_take_the_whole_payload()
    {
        Assert.True(RtpHeader.TryRead(Hex.Parse("a0 60 00 01 00 00 00 01 00 00 00 01 00 02"), out RtpHeader header));
        Assert.True(header.Payload.IsEmpty);
    }

    [Fact]
    public void Rewriter_changes_only_the_asked_fields()
    {
        byte[] packet = (byte[])Vp8.Clone();
        RtpRewriter.SetSsrc(packet, 0xCAFEBABE);
        RtpRewriter.SetSequenceNumber(packet, 7);
        RtpRewriter.SetTimestamp(packet, 99);
        RtpRewriter.SetPayloadType(packet, 100);
        Assert.True(RtpRewriter.TrySetExtension(packet, 3, [0xFF, 0xEE]));
        Assert.False(RtpRewriter.TrySetExtension(packet, 3, [0xFF]));
        Assert.False(RtpRewriter.TrySetExtension(packet, 9, [0xFF]));

        Assert.True(RtpHeader.TryRead(packet, out RtpHeader header));
        Assert.Equal(0xCAFEBABEu, header.Ssrc);
        Assert.Equal(7, header.SequenceNumber);
        Assert.Equal(99u, header.Timestamp);
        Assert.Equal(100, header.PayloadType);
        Assert.True(header.Marker);
        Assert.True(header.TryGetExtension(3, out ReadOnlySpan<byte> twcc));
        Assert.Equal("ffee", Hex.Format(twcc));
        RtpRewriter.SetMarker(packet, false);
        Assert.True(RtpHeader.TryRead(packet, out header));
        Assert.False(header.Marker);
        Assert.Equal(100, header.PayloadType);
    }

    [Fact]
    public void Writer_builds_the_golden_packet()
    {
        var buffer = new byte[64];
        var writer = new RtpWriter(buffer, 96, 0x1234, 123456, 0x11223344, marker: true);
        writer.AddExtension(1, "0"u8);
        writer.AddExtension(3, [0x01, 0x02]);
        writer.AddExtension(2, [0xAA, 0xBB, 0xCC]);
        int length = writer.Complete(Hex.Parse("90 e0 80 00 ab cd"));
        Assert.Equal(Hex.Format(Vp8), Hex.Format(buffer.AsSpan(0, length)));
    }
}
