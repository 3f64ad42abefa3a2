using Classroom.MediaRelay.Rooms;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class RetransmissionCacheTests
{
    private static byte[] Packet(byte tag) => [0x80, 96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, tag];

    [Fact]
    public void A_cached_packet_is_found_by_ssrc_and_sequence()
    {
        var cache = new RetransmissionCache(8);
        cache.Add(Packet(7), ssrc: 5, sequence: 100);
        var buffer = new byte[64];

        var n = cache.TryCopy(5, 100, buffer);
        Assert.Equal(Packet(7), buffer[..n]);
        Assert.Equal(0, cache.TryCopy(5, 101, buffer)); // never received
        Assert.Equal(0, cache.TryCopy(6, 100, buffer)); // another publisher's stream
    }

    [Fact]
    public void A_newer_packet_evicts_the_one_capacity_numbers_older()
    {
        var cache = new RetransmissionCache(8);
        for (var s = 0; s < 9; s++) cache.Add(Packet((byte)s), 5, (ushort)s);
        var buffer = new byte[64];

        Assert.Equal(0, cache.TryCopy(5, 0, buffer));
        Assert.Equal(8, buffer[..cache.TryCopy(5, 8, buffer)][^1]);
        Assert.Equal(1, buffer[..cache.TryCopy(5, 1, buffer)][^1]);
    }

    [Fact]
    public void Sequence_numbers_wrap_at_two_to_the_sixteen()
    {
        var cache = new RetransmissionCache(8);
        cache.Add(Packet(1), 5, 65535);
        cache.Add(Packet(2), 5, 0);
        cache.Add(Packet(3), 5, 1);
        var buffer = new byte[64];

        Assert.Equal(1, buffer[..cache.TryCopy(5, 65535, buffer)][^1]);
        Assert.Equal(3, buffer[..cache.TryCopy(5, 1, buffer)][^1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(1 << 17)]
    public void Capacity_must_be_a_power_of_two_dividing_the_sequence_space(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmissionCache(capacity));
}
