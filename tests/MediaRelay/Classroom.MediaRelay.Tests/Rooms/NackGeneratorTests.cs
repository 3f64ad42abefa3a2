using Classroom.MediaRelay.Rooms;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class NackGeneratorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly NackGenerator _nacks;

    public NackGeneratorTests() => _nacks = new NackGenerator(LossRecoveryOptions.Default, _time);

    private ushort[] Due()
    {
        var buffer = new ushort[64];
        return buffer[.._nacks.CollectDue(buffer)];
    }

    [Fact]
    public void A_gap_is_nacked_at_once_then_retried_each_interval_until_the_retries_run_out()
    {
        _nacks.OnPacket(9, 10);
        _nacks.OnPacket(9, 13);
        Assert.Equal([11, 12], Due());
        Assert.Empty(Due()); // not again before the interval

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([11, 12], Due());
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([11, 12], Due());
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([11, 12], Due());
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Empty(Due()); // four NACKs each: given up
        Assert.Equal(0, _nacks.Missing);
        Assert.Equal(2, _nacks.GivenUp);
    }

    [Fact]
    public void A_packet_that_arrives_late_is_no_longer_nacked()
    {
        _nacks.OnPacket(9, 10);
        _nacks.OnPacket(9, 14);
        Assert.Equal([11, 12, 13], Due());
        _nacks.OnPacket(9, 12);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([11, 13], Due());
    }

    [Fact]
    public void Retries_are_spaced_by_the_round_trip_time_when_known_and_stop_after_the_deadline()
    {
        _nacks.RoundTripTime = TimeSpan.FromMilliseconds(400);
        _nacks.OnPacket(9, 10);
        _nacks.OnPacket(9, 12);
        Assert.Equal([11], Due());
        _time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Empty(Due());
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([11], Due());
        _time.Advance(TimeSpan.FromMilliseconds(600)); // 1 s after the gap: too late to help
        Assert.Empty(Due());
        Assert.Equal(1, _nacks.GivenUp);
    }

    [Fact]
    public void Gaps_across_the_wrap_are_found_and_a_jump_or_a_new_stream_is_not_loss()
    {
        _nacks.OnPacket(9, 65534);
        _nacks.OnPacket(9, 1);
        Assert.Equal([65535, 0], Due());

        _nacks.OnPacket(9, 5000); // wider than the tracked maximum: a jump, missing list restarts
        Assert.Equal(0, _nacks.Missing);

        _nacks.OnPacket(7, 9000); // new publisher SSRC
        _nacks.OnPacket(7, 9001);
        Assert.Empty(Due());
    }
}
