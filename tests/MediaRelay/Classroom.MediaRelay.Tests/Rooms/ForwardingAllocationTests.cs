using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.MediaRelay.Tests.Rooms;

/// <summary>
/// CI guard for the forwarding budget (docs/bench-relay.md): after warm-up, forwarding a
/// publisher's video to several players allocates nothing on the receiving thread.
/// </summary>
public sealed class ForwardingAllocationTests
{
    [Fact]
    public void Forwarding_ten_thousand_packets_to_several_players_allocates_nothing()
    {
        using var harness = new ForwardingHarness(players: 5, TimeProvider.System);
        var packet = new byte[1200];
        var payload = new byte[1200 - 12];
        payload[0] = 0x10; // VP8 keyframe start, so the picture-group cache is exercised too
        new RtpWriter(packet, 96, 1, 3000, 0xABCDEF, marker: true).Complete(payload);
        ushort sequence = 1;
        // Warm-up past the ring's capacity: its slots are allocated once, the first time each is used.
        for (var i = 0; i < FanOutOptions.Default.RingPackets + 1000; i++) Forward(harness, packet, ++sequence);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) Forward(harness, packet, ++sequence);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.All(harness.PlayerPaths, p => Assert.Equal(FanOutOptions.Default.RingPackets + 11_000, p.Sent));
    }

    /// <summary>
    /// The same through the real send path: players on UDP paths of a real socket, so each
    /// packet is SRTP-protected into the worker's native batch and leaves with <c>sendmmsg</c>.
    /// </summary>
    [Fact]
    public void Forwarding_through_the_sendmmsg_batch_allocates_nothing()
    {
        using var harness = new ForwardingHarness(players: 5, TimeProvider.System, udpPlayers: true);
        var packet = new byte[1200];
        var payload = new byte[1200 - 12];
        payload[0] = 0x10;
        new RtpWriter(packet, 96, 1, 3000, 0xABCDEF, marker: true).Complete(payload);
        ushort sequence = 1;
        for (var i = 0; i < FanOutOptions.Default.RingPackets + 1000; i++) Forward(harness, packet, ++sequence);
        var worker = harness.Pool.Workers[0];
        var sentBefore = worker.Sent;
        var callsBefore = worker.Calls;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) Forward(harness, packet, ++sequence);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(5 * 10_000, worker.Sent - sentBefore); // every datagram went through the batch
        Assert.True(worker.Calls - callsBefore is > 0 and <= 10_000, $"sendmmsg calls {worker.Calls - callsBefore}");
    }

    private static void Forward(ForwardingHarness harness, byte[] packet, ushort sequence)
    {
        RtpRewriter.SetSequenceNumber(packet, sequence);
        harness.Room.OnRtp(harness.Publisher, packet);
    }
}
