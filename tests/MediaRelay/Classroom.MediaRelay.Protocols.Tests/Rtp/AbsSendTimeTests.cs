using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.MediaRelay.Protocols.Tests.Rtp;

public class AbsSendTimeTests
{
    [Theory]
    [InlineData(0L, 0x000000u)]
    [InlineData(TimeSpan.TicksPerSecond, 0x040000u)] // 1.0 s = 1 << 18
    [InlineData(TimeSpan.TicksPerSecond / 2, 0x020000u)]
    [InlineData(63 * TimeSpan.TicksPerSecond, 0xFC0000u)]
    [InlineData(64 * TimeSpan.TicksPerSecond, 0x000000u)] // wraps every 64 s
    [InlineData(65 * TimeSpan.TicksPerSecond + (TimeSpan.TicksPerSecond / 4), 0x050000u)]
    public void Converts_ticks_to_6_18_fixed_point_seconds(long ticks, uint expected) =>
        Assert.Equal(expected, AbsSendTime.From(ticks));

    [Fact]
    public void Agrees_with_the_existing_time_span_form_and_never_overflows()
    {
        foreach (long ticks in new[] { 1L, 12_345_678L, 3_600L * TimeSpan.TicksPerSecond + 77 })
        {
            Assert.Equal(RtpExtensionValues.ToAbsSendTime(TimeSpan.FromTicks(ticks)), AbsSendTime.From(ticks));
        }

        // UtcTicks of today: ticks << 18 would overflow a long; the value still fits 24 bits.
        long now = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero).UtcTicks;
        Assert.InRange(AbsSendTime.From(now), 0u, 0xFFFFFFu);
        Assert.Equal(AbsSendTime.From(now % (64 * TimeSpan.TicksPerSecond)), AbsSendTime.From(now));
        Assert.InRange(AbsSendTime.From(long.MaxValue), 0u, 0xFFFFFFu);
        Assert.InRange(AbsSendTime.From(long.MinValue), 0u, 0xFFFFFFu);
        Assert.Equal(AbsSendTime.From(63 * TimeSpan.TicksPerSecond), AbsSendTime.From(-TimeSpan.TicksPerSecond));
    }

    [Fact]
    public void One_tick_steps_are_monotonic_within_a_wrap()
    {
        uint previous = AbsSendTime.From(0);
        for (long ms = 1; ms < 64_000; ms += 7)
        {
            uint value = AbsSendTime.From(ms * TimeSpan.TicksPerMillisecond);
            Assert.True(value > previous);
            previous = value;
        }
    }
}
