using Classroom.LoadTool.Engine;
using Classroom.LoadTool.Publishing;
using Classroom.LoadTool.Relay;
using Classroom.LoadTool.Report;
using Classroom.LoadTool.Stream;
using Classroom.MediaRelay.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Classroom.MediaRelay.Tests.LoadTool;

/// <summary>
/// The load tool's engine against the relay in-process (loopback only): one synthetic studio
/// through WHIP, five WHEP players for about three seconds. Every player must see a keyframe and
/// packets, and the report's numbers must add up.
/// </summary>
public sealed class LoadEngineEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Five_players_get_keyframes_and_packets_and_the_report_adds_up()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(20) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        var shape = new StreamShape(1_000_000, TimeSpan.FromSeconds(1));
        var settings = new LoadSettings
        {
            Players = 5,
            Ramp = TimeSpan.FromMilliseconds(500),
            Duration = TimeSpan.FromSeconds(3),
            ServerPid = Environment.ProcessId,
        };
        await using var publisher = await WhipPublisher.ConnectAsync(http, new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson), host.TeacherToken(),
            shape, SendStamp.NowNanos(), 30, cancel.Token);
        await using var players = new WhepConnector(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken());

        var report = await new LoadEngine(settings, players, publisher, shape, host.BaseUrl).RunAsync(cancel.Token);
        output.WriteLine(ReportTable.Format(report));

        Assert.Equal(5, report.PlayersConnected);
        Assert.Equal(0, report.PlayersFailed);
        Assert.Equal(5, report.PlayersWithKeyframe);
        Assert.Equal(5, report.PlayersWithPackets);
        Assert.Equal(5, report.JoinToKeyframeMs.Count);
        Assert.True(report.JoinToKeyframeMs.P50 <= report.JoinToKeyframeMs.P95 && report.JoinToKeyframeMs.P95 <= report.JoinToKeyframeMs.Max);
        Assert.True(report.ConnectMs.Max <= report.JoinToKeyframeMs.Max, "a keyframe cannot arrive before the player connected");
        // Unique arrivals plus what is still missing is every number from first to last.
        var unique = report.ReceivedPackets - report.DuplicatePackets - report.LatePackets;
        Assert.Equal(report.ExpectedPackets, unique + report.LostPackets);
        // No player can receive more than the studio sent.
        Assert.True(report.ReceivedPackets <= 5 * report.PublisherSentPackets);
        Assert.True(report.ReceivedPackets > 5 * 100, $"each player should get seconds of 1 Mbit/s, got {report.ReceivedPackets} in all");
        // Every packet carries a send stamp, so every arrival is a delay sample.
        Assert.Equal(report.ReceivedPackets, report.ForwardingDelayMs.Count);
        Assert.True(report.ForwardingDelayMs.P50 <= report.ForwardingDelayMs.P99 && report.ForwardingDelayMs.P99 <= report.ForwardingDelayMs.Max);
        Assert.InRange(report.SteadyForwardingDelayMs.Count, 1, report.ForwardingDelayMs.Count - 1);
        Assert.True(report.PublisherKeyframes >= 3, "a 1 s GOP over ~4 s of streaming");
        Assert.NotNull(report.KeyframeRequestsAtPublisher);
        Assert.NotNull(report.Server);
        Assert.True(report.Server.CpuSeconds > 0);
        Assert.Contains("\"joinToKeyframeMs\"", ReportWriter.ToJson(report), StringComparison.Ordinal);
    }
}
