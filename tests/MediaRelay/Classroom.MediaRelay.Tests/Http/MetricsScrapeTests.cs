using System.Globalization;
using System.Text.RegularExpressions;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Tests.Client;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.Http;

/// <summary>GET /metrics renders the relay's meter, per room and per player, as Prometheus text.</summary>
public sealed class MetricsScrapeTests
{
    [Fact]
    public async Task Scrape_shows_room_and_player_series_in_prometheus_text()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var publisher = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson), host.TeacherToken(), SessionRole.Publisher, CancellationToken.None);
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player, CancellationToken.None);
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == 2);
        await NonBrowserClientTests.SendAsync(publisher, 20);
        await NonBrowserClientTests.WaitUntilAsync(() => player.VideoPackets >= 20);

        // A fan-out worker counts a round's packets (and their delays) after the batch went out, so
        // the player may hold them a moment before the histogram moves: scrape until it covers what
        // the player got (bounded). Not "all 40 sent": on a busy machine the kernel may drop one of
        // the publisher's datagrams on loopback before the relay ever sees it.
        var scrape = new Uri(host.ManagementUrl + "/metrics");
        var delivered = player.AudioPackets + player.VideoPackets;
        using var response = await http.GetAsync(scrape);
        var text = await response.Content.ReadAsStringAsync();
        for (var i = 0; i < 200 && Value(text, "classroom_relay_fanout_delay_packets_total{le=\"+Inf\"}") < delivered; i++)
        {
            await Task.Delay(50);
            text = await http.GetStringAsync(scrape);
        }

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("# TYPE classroom_relay_room_rtp_packets_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE classroom_relay_sessions gauge\n", text, StringComparison.Ordinal);
        Assert.True(Value(text, $"classroom_relay_room_rtp_packets_total{{lesson=\"{RelayTestHost.Lesson}\"}}") >= 20, text);
        Assert.True(Value(text, $"classroom_relay_room_rtp_bytes_total{{lesson=\"{RelayTestHost.Lesson}\"}}") > 0, text);
        Assert.Equal(1, Value(text, $"classroom_relay_room_players{{lesson=\"{RelayTestHost.Lesson}\"}}"));
        Assert.Matches(new Regex($"^classroom_relay_player_rtp_packets_total\\{{lesson=\"{RelayTestHost.Lesson}\",player=\"1\"\\}} \\d+$", RegexOptions.Multiline), text);
        // No series names a live session: neither its resource id nor its ICE ufrag.
        foreach (var session in host.Runtime.Sessions)
        {
            Assert.DoesNotContain(session.Id, text, StringComparison.Ordinal);
            Assert.DoesNotContain(session.LocalIce.Ufrag, text, StringComparison.Ordinal);
            Assert.DoesNotContain(session.RemoteIce.Ufrag, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("session=", text, StringComparison.Ordinal);
        Assert.Contains("classroom_relay_room_nack_received_total{", text, StringComparison.Ordinal);
        Assert.Contains("classroom_relay_room_pli_received_total{", text, StringComparison.Ordinal);
        // Every packet the player got went through a fan-out worker's delay buckets, each within the last bound.
        var inRelay = Value(text, "classroom_relay_fanout_delay_packets_total{le=\"+Inf\"}");
        Assert.True(inRelay >= delivered && delivered >= 20, text);
        Assert.True(Value(text, "classroom_relay_fanout_delay_packets_total{le=\"0.0005\"}") <= Value(text, "classroom_relay_fanout_delay_packets_total{le=\"0.5\"}"), text);
        // The process's collector, beside which a forwarding-delay tail is read.
        Assert.True(Value(text, "classroom_relay_process_allocated_bytes_total") > 0, text);
        Assert.True(Value(text, "classroom_relay_process_gc_heap_bytes") > 0, text);
        Assert.True(Value(text, "classroom_relay_process_gc_pause_seconds_total") >= 0, text);
        Assert.True(Value(text, "classroom_relay_process_gc_collections_total{generation=\"0\"}") >= Value(text, "classroom_relay_process_gc_collections_total{generation=\"2\"}"), text);
    }

    private static double Value(string text, string series)
    {
        var line = text.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
