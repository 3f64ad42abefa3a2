using Classroom.MediaRelay.Rooms;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class PacketRingTests
{
    private static RingEntry Video(ushort sequence, bool key = false, uint timestamp = 0, int layer = 0, uint ssrc = 7) =>
        new() { Ssrc = ssrc, Sequence = sequence, Timestamp = timestamp, IsVideo = true, KeyframeStart = key, Layer = layer };

    [Fact]
    public void Packets_are_found_by_layer_ssrc_and_sequence_until_overwritten()
    {
        var ring = new PacketRing(1024);
        for (var i = 0; i < 1500; i++) Assert.True(ring.Append([(byte)i, 1, 2], Video((ushort)(65000 + i))));
        Assert.Equal(1500, ring.Head);

        var newest = ring.Find(0, 7, unchecked((ushort)(65000 + 1499)));
        Assert.Equal(1499, newest);
        Span<byte> copy = stackalloc byte[8];
        Assert.Equal(3, ring.CopyTo(newest, ring.EntryAt(newest), copy));
        Assert.Equal(unchecked((byte)1499), copy[0]);

        Assert.Equal(-1, ring.Find(0, 7, 65000)); // overwritten (1,500 > capacity)
        Assert.Equal(-1, ring.Find(0, 8, unchecked((ushort)(65000 + 1499)))); // another SSRC
        Assert.Equal(-1, ring.Find(1, 7, unchecked((ushort)(65000 + 1499)))); // another layer
        Assert.False(ring.IsRetained(1500 - 1024));
        Assert.True(ring.IsRetained(1500 - 1023));
        Assert.Equal(0, ring.CopyTo(100, ring.EntryAt(100), copy));
    }

    [Fact]
    public void The_last_keyframe_is_kept_per_layer_and_a_keyframe_split_over_packets_counts_from_its_first()
    {
        var ring = new PacketRing(1024);
        Assert.Equal(-1, ring.LastKeyframe(0));
        ring.Append([1], Video(1, key: true, timestamp: 100));
        ring.Append([1], Video(2, key: true, timestamp: 100)); // SPS, then IDR of the same picture
        ring.Append([1], Video(3, key: true, timestamp: 200, layer: 1, ssrc: 9));
        ring.Append([1], Video(4));
        Assert.Equal(0, ring.LastKeyframe(0));
        Assert.Equal(2, ring.LastKeyframe(1));
        ring.Append([1], Video(5, key: true, timestamp: 300));
        Assert.Equal(4, ring.LastKeyframe(0));
        Assert.Equal(-1, ring.LastKeyframe(5));
    }

    [Fact]
    public void Oversized_packets_are_refused_and_capacity_must_be_a_power_of_two()
    {
        var ring = new PacketRing(1024);
        Assert.False(ring.Append(new byte[PacketRing.SlotSize + 1], Video(1)));
        Assert.Equal(0, ring.Head);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacketRing(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacketRing(512));
    }
}
