using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.MediaRelay.Protocols.Tests.Rtp;

public class RtpRetransmissionTests
{
    [Fact]
    public void Wrap_keeps_the_header_and_prefixes_the_original_sequence_number()
    {
        var original = new byte[64];
        var writer = new RtpWriter(original, 96, 1000, 90000, 0xAAAA, marker: true);
        writer.AddCsrc(7);
        writer.AddExtension(1, "0"u8);
        int length = writer.Complete([1, 2, 3, 4], paddingLength: 4);

        var rtx = new byte[64];
        int rtxLength = RtpRetransmission.Wrap(original.AsSpan(0, length), rtx, 97, 0xBBBB, 5);

        Assert.True(RtpHeader.TryRead(rtx.AsSpan(0, rtxLength), out RtpHeader header));
        Assert.Equal(97, header.PayloadType);
        Assert.Equal(0xBBBBu, header.Ssrc);
        Assert.Equal(5, header.SequenceNumber);
        Assert.Equal(90000u, header.Timestamp);
        Assert.True(header.Marker);
        Assert.False(header.HasPadding);
        Assert.Equal(7u, header.GetCsrc(0));
        Assert.True(header.TryGetExtension(1, out ReadOnlySpan<byte> mid));
        Assert.Equal("30", Hex.Format(mid));
        Assert.True(RtpRetransmission.TryUnwrap(header, out ushort osn, out ReadOnlySpan<byte> payload));
        Assert.Equal(1000, osn);
        Assert.Equal("01020304", Hex.Format(payload));
    }

    [Fact]
    public void Empty_rtx_payload_is_refused()
    {
        Assert.True(RtpHeader.TryRead(Hex.Parse("80 61 00 01 00 00 00 01 00 00 00 02 aa"), out RtpHeader header));
        Assert.False(RtpRetransmission.TryUnwrap(header, out _, out _));
    }
}
