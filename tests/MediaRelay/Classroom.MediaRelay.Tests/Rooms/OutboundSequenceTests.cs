using Classroom.MediaRelay.Rooms;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class OutboundSequenceTests
{
    [Fact]
    public void A_new_source_continues_one_packet_and_one_frame_later()
    {
        var outbound = new OutboundSequence();
        Assert.Equal(((ushort)65535, 90_000u), outbound.Map(1, 65535, 90_000, 3000));
        Assert.Equal(((ushort)0, 93_000u), outbound.Map(1, 0, 93_000, 3000)); // wraps like the source

        // Reloaded studio: new SSRC, sequence and timestamp from elsewhere in the number space.
        Assert.Equal(((ushort)1, 96_000u), outbound.Map(2, 40_000, 7, 3000));
        Assert.Equal(((ushort)2, 99_000u), outbound.Map(2, 40_001, 3_007, 3000));

        // A late packet of the new source maps behind without moving the stream's head.
        Assert.Equal(((ushort)0, 93_000u), outbound.Map(2, 39_999, uint.MaxValue - 2_992, 3000));
        Assert.Equal(((ushort)3, 102_000u), outbound.Map(2, 40_002, 6_007, 3000));
    }
}
