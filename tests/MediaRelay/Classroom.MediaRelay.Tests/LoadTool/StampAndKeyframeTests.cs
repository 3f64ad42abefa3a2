using Classroom.LoadTool.Stats;
using Classroom.LoadTool.Stream;
using Classroom.MediaRelay.Protocols.Demux;
using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.MediaRelay.Tests.LoadTool;

public sealed class StampAndKeyframeTests
{
    [Fact]
    public void Stamp_round_trips_at_the_end_of_any_payload()
    {
        var payload = new byte[100];
        SendStamp.Write(payload, 1_234_567_890_123);
        Assert.True(SendStamp.TryRead(payload, out var sent));
        Assert.Equal(1_234_567_890_123, sent);
    }

    [Fact]
    public void Payload_without_a_stamp_gives_no_delay()
    {
        Assert.False(SendStamp.TryRead(new byte[100], out _));
        Assert.False(SendStamp.TryRead(new byte[5], out _));
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public void Keyframe_start_is_recognised_from_the_vp8_descriptor_and_frame_tag(bool frameStart, bool keyframe, bool expected)
    {
        var payload = new byte[64];
        Vp8Payload.WriteHeader(payload, frameStart, keyframe, 640, 360);
        Assert.Equal(expected, Vp8Payload.IsKeyframeStart(payload));
    }

    [Fact]
    public void Keyframe_with_extended_descriptor_and_two_byte_picture_id_is_recognised()
    {
        // X=1, S=1, PID=0; I=1; M=1 picture id 0x8123; then frame tag with P=0 (libvpx/Chromium shape).
        byte[] payload = [0x90, 0x80, 0x81, 0x23, 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a];
        Assert.True(Vp8Payload.IsKeyframeStart(payload));
        payload[4] = 0x11;
        Assert.False(Vp8Payload.IsKeyframeStart(payload));
    }

    [Fact]
    public void Probe_takes_delay_from_the_stamp_and_marks_the_first_keyframe()
    {
        var delays = new RunDelays();
        var probe = new PlayerProbe(0, delays, 111);
        var payload = new byte[200];
        Vp8Payload.WriteHeader(payload, true, true, 640, 360);
        SendStamp.Write(payload, SendStamp.NowNanos() - 2_000_000); // sent 2 ms ago
        var packet = new byte[300];
        var length = new RtpWriter(packet, 96, 7, 9000, 42, true).Complete(payload);

        probe.OnPacket(PacketKind.Rtp, packet.AsSpan(0, length), 0);

        Assert.Equal(1, probe.Packets);
        Assert.NotEqual(0, probe.FirstKeyframeNanos);
        Assert.Equal(1, delays.All.Count);
        Assert.Equal(0, delays.Steady.Count); // the steady window was not open
        Assert.InRange(delays.All.MaxMicros!.Value, 2_000, 1_000_000);
        Assert.Equal(0, delays.KernelStampedShare); // no arrival time given: the read time ends the sample
    }

    [Fact]
    public void Probe_ends_the_delay_at_the_sockets_arrival_time_and_keeps_the_read_delay_apart()
    {
        var delays = new RunDelays();
        delays.OpenSteadyWindow();
        var probe = new PlayerProbe(0, delays, 111);
        var payload = new byte[200];
        var sent = SendStamp.NowNanos() - 50_000_000; // sent 50 ms ago, reached the socket 1 ms later
        SendStamp.Write(payload, sent);
        var packet = new byte[300];
        var length = new RtpWriter(packet, 96, 7, 9000, 42, true).Complete(payload);

        probe.OnPacket(PacketKind.Rtp, packet.AsSpan(0, length), sent + 1_000_000);

        Assert.InRange(delays.Steady.MaxMicros!.Value, 1_000, 1_000);
        Assert.InRange(delays.SteadyRead.MaxMicros!.Value, 50_000, 1_000_000);
        Assert.Equal(1, delays.KernelStampedShare);
    }

    [Fact]
    public void Stream_shape_spends_the_bitrate_on_a_gop_with_a_large_keyframe()
    {
        var shape = new StreamShape(1_000_000, TimeSpan.FromSeconds(4));
        var videoBytesPerGop = (shape.KeyframeBytes + (shape.FramesPerGop - 1L) * shape.DeltaFrameBytes);
        var total = (videoBytesPerGop * 8 / 4.0) + shape.AudioBitsPerSecond;
        Assert.InRange(total, 990_000, 1_000_000);
        Assert.Equal(10 * shape.DeltaFrameBytes, shape.KeyframeBytes);
    }
}
