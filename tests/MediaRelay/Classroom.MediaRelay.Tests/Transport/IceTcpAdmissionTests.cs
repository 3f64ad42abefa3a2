using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Stun;
using Classroom.MediaRelay.Tests.Client;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.MediaRelay.Tests.Transport;

/// <summary>
/// Passive ICE-TCP over real loopback sockets: a connection must send an authenticated STUN check
/// within IceTcpFirstStunSeconds (on a fake clock here), and one address holds at most
/// MaxTcpConnectionsPerAddress connections.
/// </summary>
public sealed class IceTcpAdmissionTests
{
    [Fact]
    public async Task A_connection_without_an_authenticated_check_by_the_deadline_is_closed_and_one_with_a_check_stays()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await RelayTestHost.StartAsync(time: time);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        using (var created = await RelayHttp.SendAsync(http, HttpMethod.Post, "/whep/" + RelayTestHost.Lesson, RelayHttp.Offer(SessionRole.Player), token: host.ClassroomToken()))
            created.EnsureSuccessStatusCode();
        var session = Assert.Single(host.Runtime.Sessions);

        using var silent = new TcpClient();
        using var forger = new TcpClient();
        using var genuine = new TcpClient();
        await silent.ConnectAsync(host.Runtime.TcpEndPoint!);
        await forger.ConnectAsync(host.Runtime.TcpEndPoint!);
        await genuine.ConnectAsync(host.Runtime.TcpEndPoint!);
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.TcpConnections == 3);
        // Right username, wrong password: integrity fails, so it proves nothing.
        await SendCheckAsync(forger, session.LocalIce.Ufrag, "not-the-session-password-at-all");
        await SendCheckAsync(genuine, session.LocalIce.Ufrag, session.LocalIce.Pwd);
        Assert.True(await ReadsStunResponseAsync(genuine));
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.Counters.Dropped >= 1); // the forged check was seen and dropped

        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(3, host.Runtime.TcpConnections);
        time.Advance(TimeSpan.FromSeconds(0.2));

        Assert.True(await ClosedByRelayAsync(silent));
        Assert.True(await ClosedByRelayAsync(forger));
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.TcpConnections == 1);
        Assert.Equal(2, host.Runtime.Counters.TcpUnauthenticated);
        // The authenticated connection still answers checks.
        await SendCheckAsync(genuine, session.LocalIce.Ufrag, session.LocalIce.Pwd);
        Assert.True(await ReadsStunResponseAsync(genuine));
        var scrape = await http.GetStringAsync(new Uri(host.ManagementUrl + "/metrics"));
        Assert.Contains("classroom_relay_ice_tcp_unauthenticated_total 2\n", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_beyond_the_per_address_bound_are_closed_at_accept_and_the_bound_frees_on_close()
    {
        await using var host = await RelayTestHost.StartAsync(settings: new Dictionary<string, string?> { ["MediaRelay:MaxTcpConnectionsPerAddress"] = "2" });
        using var first = new TcpClient();
        using var second = new TcpClient();
        await first.ConnectAsync(host.Runtime.TcpEndPoint!);
        await second.ConnectAsync(host.Runtime.TcpEndPoint!);
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.TcpConnections == 2);

        using (var third = new TcpClient())
        {
            await third.ConnectAsync(host.Runtime.TcpEndPoint!); // the kernel completes the handshake; the relay closes it
            Assert.True(await ClosedByRelayAsync(third));
        }

        Assert.Equal(1, host.Runtime.Counters.TcpRefused);
        Assert.Equal(2, host.Runtime.TcpConnections);

        first.Dispose();
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.TcpConnections == 1);
        using var fourth = new TcpClient();
        await fourth.ConnectAsync(host.Runtime.TcpEndPoint!);
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.TcpConnections == 2);
        Assert.Equal(1, host.Runtime.Counters.TcpRefused);
    }

    /// <summary>An RFC 4571 framed Binding request as a browser sends it: USERNAME "relayUfrag:ours", keyed with <paramref name="password"/>.</summary>
    private static async Task SendCheckAsync(TcpClient tcp, string relayUfrag, string password)
    {
        var buffer = new byte[2 + 512];
        var transaction = RandomNumberGenerator.GetBytes(12);
        var n = StunBinding.WriteRequest(buffer.AsSpan(2), new StunBindingRequest
        {
            TransactionId = transaction,
            Username = relayUfrag + ":abcd",
            Password = Encoding.UTF8.GetBytes(password),
            Priority = 1_845_501_695,
            Controlling = true,
            TieBreaker = 42,
            UseCandidate = true,
        });
        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)n);
        await tcp.GetStream().WriteAsync(buffer.AsMemory(0, n + 2));
    }

    private static async Task<bool> ReadsStunResponseAsync(TcpClient tcp)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var header = new byte[2];
        await tcp.GetStream().ReadExactlyAsync(header, bound.Token);
        var frame = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
        await tcp.GetStream().ReadExactlyAsync(frame, bound.Token);
        return StunMessageReader.TryRead(frame, out var message) && message.Type == StunMessageType.BindingSuccessResponse;
    }

    /// <summary>True when the relay ends the connection (end of stream or reset) within a bounded wait.</summary>
    private static async Task<bool> ClosedByRelayAsync(TcpClient tcp)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var buffer = new byte[64];
            while (true)
            {
                if (await tcp.GetStream().ReadAsync(buffer, bound.Token) == 0) return true;
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
