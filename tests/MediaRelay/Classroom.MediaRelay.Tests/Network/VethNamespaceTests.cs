using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Classroom.Testing.Network;

namespace Classroom.MediaRelay.Tests.Network;

/// <summary>
/// The namespace helpers against the real kernel (root inside <c>unshare -n</c>, as scripts/test.sh
/// runs): nftables loss both ways with its counters, tbf on the veth, and a clean teardown.
/// The nft counters count at the input hook, so no listener is needed on the receiving side.
/// </summary>
public sealed class VethNamespaceTests
{
    private const int Port = 40000;

    [Fact]
    public async Task Nft_loss_drops_about_the_configured_share_each_way_and_dispose_removes_everything()
    {
        var ns = await VethNamespace.CreateAsync(subnet: 43);
        string name = ns.Name, hostInterface = ns.HostInterface;
        try
        {
            await ns.AddRandomLossAsync(0.05, Port);
            using var socket = HostSocket(ns);
            await SendAsync(socket, new IPEndPoint(ns.PeerAddress, Port + 1), 4000, 32);
            var script = string.Create(CultureInfo.InvariantCulture, $"for i in $(seq 1000); do echo x > /dev/udp/{ns.HostAddress}/{Port}; done");
            await HostCommand.RunAsync("/usr/sbin/ip", "netns", "exec", ns.Name, "bash", "-c", script);

            var counters = await ns.ReadLossCountersAsync();
            Assert.Equal(4000, counters.DownSeen);
            Assert.Equal(1000, counters.UpSeen);
            AssertBinomial(4000, 0.05, counters.DownDropped);
            AssertBinomial(1000, 0.05, counters.UpDropped);
        }
        finally
        {
            await ns.DisposeAsync();
        }

        Assert.DoesNotContain(name, await HostCommand.RunAsync("/usr/sbin/ip", "netns", "list"), StringComparison.Ordinal);
        Assert.DoesNotContain(hostInterface, await HostCommand.RunAsync("/usr/sbin/ip", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain("clt_loss_" + name, await HostCommand.RunAsync("/usr/sbin/nft", "list", "tables"), StringComparison.Ordinal); // only its own: other classes may hold theirs meanwhile
    }

    [Fact]
    public async Task Tbf_on_the_veth_holds_a_burst_to_its_rate_and_lifting_it_lets_everything_through()
    {
        await using var ns = await VethNamespace.CreateAsync(subnet: 44);
        await ns.AddRandomLossAsync(0, Port); // Counting only.
        using var socket = HostSocket(ns);
        var peer = new IPEndPoint(ns.PeerAddress, Port + 1);

        await ns.LimitRateAsync(600);
        await SendAsync(socket, peer, 600, 1000);
        var limited = await SettledDownSeenAsync(ns);
        // 600 kbit/s with a 50 ms queue and a 4 KB bucket passes a few dozen 1 KB packets of a
        // burst sent in well under a second; the rest is dropped by tbf.
        Assert.InRange(limited, 1, 100);
        Assert.Contains("tbf", await ns.QdiscStatsAsync(), StringComparison.Ordinal);

        await ns.RemoveRateLimitAsync();
        await SendAsync(socket, peer, 600, 1000);
        Assert.Equal(limited + 600, await SettledDownSeenAsync(ns));
    }

    /// <summary>The namespace's count of packets seen once it stops moving (tbf's 50 ms queue drained); bounded at 5 s.</summary>
    private static async Task<long> SettledDownSeenAsync(VethNamespace ns)
    {
        var last = (await ns.ReadLossCountersAsync()).DownSeen;
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(100);
            var now = (await ns.ReadLossCountersAsync()).DownSeen;
            if (now == last) return now;
            last = now;
        }

        return last;
    }

    private static Socket HostSocket(VethNamespace ns)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(ns.HostAddress, Port));
        return socket;
    }

    private static async Task SendAsync(Socket socket, IPEndPoint to, int count, int size)
    {
        var payload = new byte[size];
        for (var i = 0; i < count; i++)
        {
            await socket.SendToAsync(payload, SocketFlags.None, to);
            // Bursts of 100: the veth's queue never overflows without tbf.
            if (i % 100 == 99) await Task.Delay(2);
        }
    }

    private static void AssertBinomial(long n, double p, long observed)
    {
        var mean = n * p;
        var sd = Math.Sqrt(n * p * (1 - p));
        Assert.InRange(observed, (long)Math.Floor(mean - 4.5 * sd), (long)Math.Ceiling(mean + 4.5 * sd));
    }
}
