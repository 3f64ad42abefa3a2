using Classroom.MediaRelay.Rooms;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class KeyframeCacheTests
{
    [Theory]
    [InlineData(new byte[] { 0x10, 0x00 }, true)] // S=1 PID=0, P=0: key frame
    [InlineData(new byte[] { 0x10, 0x01 }, false)] // P=1: inter frame
    [InlineData(new byte[] { 0x00, 0x00 }, false)] // not the start of the frame
    [InlineData(new byte[] { 0x90, 0x80, 0x81, 0x23, 0x00 }, true)] // X, I with 15-bit PictureID
    [InlineData(new byte[] { 0x90, 0xE0, 0x12, 0x34, 0x56, 0x00 }, true)] // X, I (7-bit), L, T
    [InlineData(new byte[] { 0x90, 0xE0, 0x12, 0x34, 0x56, 0x01 }, false)]
    public void Vp8_key_frames_are_found_after_the_payload_descriptor(byte[] payload, bool key) =>
        Assert.Equal(key, KeyframeDetector.IsKeyframeStart(CodecKind.Vp8, payload));

    [Theory]
    [InlineData(new byte[] { 0x65, 0x88 }, true)] // IDR slice
    [InlineData(new byte[] { 0x41, 0x9A }, false)] // non-IDR slice
    [InlineData(new byte[] { 0x7C, 0x85, 0x00 }, true)] // FU-A start of IDR
    [InlineData(new byte[] { 0x7C, 0x05, 0x00 }, false)] // FU-A continuation
    [InlineData(new byte[] { 0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xCE }, true)] // STAP-A with SPS, PPS
    [InlineData(new byte[] { 0x78, 0x00, 0x09, 0x67 }, false)] // STAP-A size past the end
    public void H264_key_frames_are_found_in_single_stap_a_and_fu_a_packets(byte[] payload, bool key) =>
        Assert.Equal(key, KeyframeDetector.IsKeyframeStart(CodecKind.H264, payload));

    [Fact]
    public void Cache_holds_the_picture_group_from_the_last_keyframe_and_gives_up_when_too_long()
    {
        var cache = new GopCache(maxPackets: 4);
        cache.Add([1], 100, keyframeStart: false);
        Assert.False(cache.IsValid);

        cache.Add([2], 200, keyframeStart: true);
        cache.Add([3], 200, keyframeStart: true); // second packet of the same keyframe (SPS then IDR)
        cache.Add([4], 300, keyframeStart: false);
        Assert.True(cache.IsValid);
        Assert.Equal(3, cache.Count);
        Assert.Equal([2], cache[0].ToArray());

        cache.Add([5], 400, keyframeStart: true);
        Assert.Equal(1, cache.Count);
        Assert.Equal([5], cache[0].ToArray());

        for (byte i = 6; i < 10; i++) cache.Add([i], 500, keyframeStart: false);
        Assert.False(cache.IsValid);
        Assert.Equal(0, cache.Count);
    }
}
