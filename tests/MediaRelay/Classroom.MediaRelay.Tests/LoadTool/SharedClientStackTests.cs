using Classroom.LoadTool.Engine;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Protocols.Demux;
using Classroom.MediaRelay.Tests.Client;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.LoadTool;

/// <summary>
/// The load tool's way of running many players: one shared DTLS identity and handshaker, one
/// epoll thread receiving for every player's socket. Players joined that way get every packet,
/// the observer given at join sees them with the kernel's receive time on the Stopwatch clock, and
/// each join reports its steps in order.
/// </summary>
public sealed class SharedClientStackTests
{
    private const int Packets = 200;

    [Fact]
    public async Task Players_on_one_epoll_thread_and_one_handshaker_get_every_packet()
    {
        if (!EpollReceiver.IsSupported) return; // epoll: Linux x86-64 only (CI and the bench machine are).
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        using var handshaker = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 8, TimeSpan.FromSeconds(10));
        using var receiver = new EpollReceiver(threads: 2);
        await using var publisher = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson), host.TeacherToken(), SessionRole.Publisher, CancellationToken.None);

        var seen = new int[3];
        var unstamped = 0;
        var stampedInTheFuture = 0;
        var stampedBeforeTheTest = 0;
        var testStart = SendNanos();
        var players = new List<RelayClient>();
        for (var i = 0; i < seen.Length; i++)
        {
            var index = i;
            var options = new ClientJoinOptions { Handshaker = handshaker, Receiver = receiver, Observer = (kind, _, arrival) =>
            {
                if (kind != PacketKind.Rtp) return;
                Interlocked.Increment(ref seen[index]);
                if (arrival == 0) Interlocked.Increment(ref unstamped);
                else if (arrival > SendNanos()) Interlocked.Increment(ref stampedInTheFuture);
                else if (arrival < testStart) Interlocked.Increment(ref stampedBeforeTheTest);
            } };
            players.Add(await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player, options, CancellationToken.None));
        }

        Assert.Equal(3, receiver.Count);
        // The client is done when it holds the relay's Finished; the relay marks the session
        // connected a moment later. Sending before that loses the first key frame for a player,
        // which then starts at the next one (seen once in CI on a busy machine).
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == 4);
        await NonBrowserClientTests.SendAsync(publisher, Packets);
        await NonBrowserClientTests.WaitUntilAsync(() => players.All(p => p.AudioPackets >= Packets && p.VideoPackets >= Packets));

        foreach (var (player, i) in players.Select((p, i) => (p, i)))
        {
            Assert.Equal(Packets, player.AudioPackets);
            Assert.Equal(Packets, player.VideoPackets);
            Assert.Equal(2 * Packets, Volatile.Read(ref seen[i]));
            var t = player.Timings;
            Assert.True(t.Start < t.Answered && t.Answered <= t.IceDone && t.IceDone <= t.DtlsFirstSend && t.DtlsFirstSend < t.DtlsFirstReceive && t.DtlsFirstReceive < t.DtlsDone,
                $"join steps out of order: {t}");
        }

        Assert.Equal((0, 0, 0), (unstamped, stampedInTheFuture, stampedBeforeTheTest));
        Assert.True(receiver.Datagrams >= 3 * 2 * Packets, $"the epoll threads delivered {receiver.Datagrams}");
        foreach (var player in players) await player.DisposeAsync();
        Assert.Equal(0, receiver.Count);
        // The shared handshaker outlives its players and still joins the next one.
        await using var late = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player,
            new ClientJoinOptions { Handshaker = handshaker, Receiver = receiver }, CancellationToken.None);
        Assert.NotNull(late.Profile);
    }

    private static long SendNanos() => (long)((Int128)System.Diagnostics.Stopwatch.GetTimestamp() * 1_000_000_000 / System.Diagnostics.Stopwatch.Frequency);
}
