using Classroom.MediaRelay.Rooms;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class ReceptionStatsTests
{
    [Fact]
    public void Counts_loss_across_a_sequence_wrap_and_reports_the_interval_fraction()
    {
        var stats = new ReceptionStats();
        for (var i = 0; i < 100; i++)
        {
            if (i % 10 == 3) continue; // 10 % lost
            stats.OnPacket(0xAA, (ushort)(65500 + i));
        }

        Assert.True(stats.TryBuildBlock(0, out var block));
        Assert.Equal(0xAAu, block.Ssrc);
        Assert.Equal(10, block.CumulativeLost);
        Assert.Equal(0x10000u + 63u, block.ExtendedHighestSequence); // 65500 + 99 wrapped once
        Assert.Equal((byte)(10 * 256 / 100), block.FractionLost);

        for (var i = 100; i < 150; i++) stats.OnPacket(0xAA, (ushort)(65500 + i));
        Assert.True(stats.TryBuildBlock(0, out var next));
        Assert.Equal(0, next.FractionLost);
        Assert.Equal(10, next.CumulativeLost);
    }

    [Fact]
    public void Delay_since_last_sender_report_is_in_1_65536_seconds()
    {
        var stats = new ReceptionStats();
        stats.OnPacket(7, 1);
        stats.OnSenderReport(7, 0x0123_4567_89AB_CDEFUL, TimeSpan.FromSeconds(10).Ticks);
        Assert.True(stats.TryBuildBlock(TimeSpan.FromSeconds(10.5).Ticks, out var block));
        Assert.Equal(0x4567_89ABu, block.LastSenderReport);
        Assert.Equal(32768u, block.DelaySinceLastSenderReport);
        Assert.False(new ReceptionStats().TryBuildBlock(0, out _));
    }
}
