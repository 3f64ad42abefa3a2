using System.Net;
using System.Net.Sockets;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Srtp;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Classroom.MediaRelay.Tests.Client;

/// <summary>
/// The relay's own client parts (full-ICE checks, DTLS client, SRTP) publish through WHIP and
/// subscribe through WHEP; the subscriber counts packets it could decrypt.
/// </summary>
public sealed class NonBrowserClientTests(ITestOutputHelper output)
{
    private const int PacketsPerKind = 200;

    [Fact]
    public async Task Subscriber_decrypts_what_the_publisher_sends()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var publisher = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson), host.TeacherToken(), SessionRole.Publisher, CancellationToken.None);
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player, CancellationToken.None);
        await WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == 2);

        await SendAsync(publisher, PacketsPerKind);
        await WaitUntilAsync(() => player.AudioPackets >= PacketsPerKind && player.VideoPackets >= PacketsPerKind && publisher.RtcpPackets > 0);

        output.WriteLine($"audio {player.AudioPackets}, video {player.VideoPackets}, rtcp at publisher {publisher.RtcpPackets}, profile {player.Profile}");
        Assert.Equal(SrtpProfile.AeadAes128Gcm, player.Profile);
        Assert.Equal(PacketsPerKind, player.AudioPackets);
        Assert.Equal(PacketsPerKind, player.VideoPackets);
        Assert.True(publisher.RtcpPackets > 0, "the relay asks the publisher for a keyframe (PLI) when a player joins");
    }

    [Fact]
    public async Task Garbage_flood_on_the_media_port_harms_no_session()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var publisher = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson), host.TeacherToken(), SessionRole.Publisher, CancellationToken.None);
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player, CancellationToken.None);
        await WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == 2);
        var droppedBefore = host.Runtime.Counters.Dropped;
        var kernelBefore = KernelUdpReceiveDrops();

        using var cts = new CancellationTokenSource();
        var flood = Task.Run(() => Flood(host.Runtime.UdpEndPoint!, 30_000, cts.Token));
        await SendAsync(publisher, PacketsPerKind);
        await flood;
        await SettledAsync(player);

        var dropped = host.Runtime.Counters.Dropped - droppedBefore;
        var kernelDropped = KernelUdpReceiveDrops() - kernelBefore;
        output.WriteLine($"flood dropped {dropped}; kernel dropped {kernelDropped} datagrams at full receive buffers; player got audio {player.AudioPackets}, video {player.VideoPackets}");
        // 30,000 datagrams as fast as one thread can send them, beside stress-ng, can fill the
        // relay's receive buffer while its loop waits for a core: the kernel then drops whatever
        // comes, media too (the CI run of da6e447 lost 20 audio and 20 video packets in a row).
        // That is the machine being too slow to read, not harm done by the garbage, and the kernel
        // counts it: every media packet it did not drop must reach the player.
        Assert.True(PacketsPerKind - player.AudioPackets <= kernelDropped, $"the player got {player.AudioPackets} of {PacketsPerKind} audio packets; the kernel dropped {kernelDropped} datagrams");
        Assert.True(PacketsPerKind - player.VideoPackets <= kernelDropped, $"the player got {player.VideoPackets} of {PacketsPerKind} video packets; the kernel dropped {kernelDropped} datagrams");
        Assert.True(player.AudioPackets >= PacketsPerKind / 2 && player.VideoPackets >= PacketsPerKind / 2, "most of the lesson's media must get through the flood");
        Assert.True(dropped > 1000, $"garbage must be counted as drops, got {dropped}");
        Assert.All(host.Runtime.Sessions, s => Assert.Equal(SessionState.Connected, s.State));
    }

    [Fact]
    public async Task Garbage_on_the_ice_tcp_port_harms_no_session()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var publisher = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson), host.TeacherToken(), SessionRole.Publisher, CancellationToken.None);
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player, CancellationToken.None);
        await WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == 2);
        var droppedBefore = host.Runtime.Counters.Dropped;

        // Framed garbage of every class, a frame cut short, and a connection that just closes.
        var random = new Random(6544);
        for (var connection = 0; connection < 20; connection++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host.Runtime.TcpEndPoint!);
            var stream = tcp.GetStream();
            for (var i = 0; i < 50; i++)
            {
                var length = random.Next(1, 1400);
                var frame = new byte[length + 2];
                frame[0] = (byte)(length >> 8);
                frame[1] = (byte)length;
                random.NextBytes(frame.AsSpan(2));
                frame[2] = (byte)(i % 4 == 0 ? 0x00 : i % 4 == 1 ? 22 : i % 4 == 2 ? 0x80 : 0xFF);
                await stream.WriteAsync(frame);
            }

            if (connection % 2 == 0) await stream.WriteAsync(new byte[] { 0xFF, 0xFF, 1, 2, 3 });
        }

        await SendAsync(publisher, PacketsPerKind);
        await SettledAsync(player);
        Assert.True(player.VideoPackets >= PacketsPerKind * 95 / 100, $"the player got {player.VideoPackets} of {PacketsPerKind} video packets");
        Assert.True(host.Runtime.Counters.Dropped - droppedBefore >= 500, "garbage frames are counted as drops");
        Assert.All(host.Runtime.Sessions, s => Assert.Equal(SessionState.Connected, s.State));
    }

    [Fact]
    public async Task Player_keeps_receiving_when_a_reloaded_studio_replaces_the_publisher()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var whip = new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson);
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player, CancellationToken.None);
        await using (var first = await RelayClient.ConnectAsync(http, whip, host.TeacherToken(), SessionRole.Publisher, CancellationToken.None))
        {
            await SendAsync(first, 100);
            await WaitUntilAsync(() => player.VideoPackets >= 100);
        }

        // The new studio starts its sequence numbers half the number space away (RFC 3550 §5.1: random).
        await using var second = await RelayClient.ConnectAsync(http, whip, host.TeacherToken(), SessionRole.Publisher, CancellationToken.None);
        await WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == 2);
        await SendAsync(second, 100, firstSequence: 40_000);
        await WaitUntilAsync(() => player.VideoPackets >= 200 && player.AudioPackets >= 200);
        Assert.Equal(200, player.VideoPackets);
    }

    internal static async Task SendAsync(RelayClient publisher, int count, int firstSequence = 0)
    {
        var payload = new byte[900];
        Random.Shared.NextBytes(payload);
        for (var i = 0; i < count; i++)
        {
            var sequence = (ushort)(firstSequence + i);
            publisher.SendRtp(ClientOfferWriter.OpusPayloadType, sequence, (uint)(i * 960), publisher.AudioSsrc, false, payload.AsSpan(0, 120));
            // A VP8 payload descriptor (S=1) and frame tag: a key frame first and every 30th, as an
            // encoder sends; players start decoding (and the relay starts forwarding) at a key frame.
            payload[0] = 0x10;
            payload[1] = i % 30 == 0 ? (byte)0x00 : (byte)0x01;
            publisher.SendRtp(ClientOfferWriter.Vp8PayloadType, sequence, (uint)(i * 3000), publisher.VideoSsrc, true, payload);
            if (i % 10 == 9) await Task.Delay(5);
        }
    }

    /// <summary>Random bytes shaped like each RFC 7983 class (STUN, DTLS, RTP, RTCP) and unclassifiable ones.</summary>
    private static void Flood(IPEndPoint target, int count, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var random = new Random(7983);
        var buffer = new byte[1200];
        byte[] firstBytes = [0x00, 0x01, 22, 23, 0x80, 0x90, 0xFF, 100];
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            var length = random.Next(1, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            buffer[0] = firstBytes[i % firstBytes.Length];
            if (i % 8 == 1 && length >= 20) { buffer[4] = 0x21; buffer[5] = 0x12; buffer[6] = 0xA4; buffer[7] = 0x42; } // STUN magic cookie
            socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, target);
        }
    }

    /// <summary>
    /// UDP datagrams the kernel dropped because a socket's receive buffer was full
    /// (<c>RcvbufErrors</c> in /proc/net/snmp), in this network namespace (the tests run in their own).
    /// </summary>
    private static long KernelUdpReceiveDrops()
    {
        var lines = File.ReadAllLines("/proc/net/snmp").Where(l => l.StartsWith("Udp: ", StringComparison.Ordinal)).ToArray();
        var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(values[Array.IndexOf(names, "RcvbufErrors")], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The media path is UDP on a busy machine (CI runs beside stress-ng, and a flood shares the
    /// kernel's socket buffers): a datagram may be dropped at a socket, which is no harm done by the
    /// garbage. So: wait (bounded, 10 s) until the player has everything or its counts stop moving;
    /// the caller then asks for nearly all of it.
    /// </summary>
    private static async Task SettledAsync(RelayClient player)
    {
        var last = -1L;
        for (var i = 0; i < 40 && (player.VideoPackets < PacketsPerKind || player.AudioPackets < PacketsPerKind); i++)
        {
            await Task.Delay(250);
            var now = player.VideoPackets + player.AudioPackets;
            if (now == last && now > 0) break;
            last = now;
        }
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "condition not met within 10 s");
    }
}
