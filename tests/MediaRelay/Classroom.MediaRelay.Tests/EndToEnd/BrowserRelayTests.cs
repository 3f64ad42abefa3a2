using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.MediaRelay.Tests.EndToEnd;

/// <summary>
/// The proof: real headless Chromium publishes camera + microphone through WHIP, the relay fans
/// it out, and three Chromium players decode video (moving pixels) and receive audio through WHEP.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class BrowserRelayTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private const int Players = 3;

    [Theory]
    [InlineData("vp8", "udp")]
    [InlineData("h264", "udp")]
    [InlineData("vp8", "tcp")]
    [InlineData("h264", "tcp")]
    public async Task Studio_reaches_three_players(string codec, string transport)
    {
        await using var host = await RelayTestHost.StartAsync(transports: transport);
        var pages = new List<IPage>();
        try
        {
            var studio = await chromium.Context.NewPageAsync();
            pages.Add(studio);
            await studio.GotoAsync(host.BaseUrl + "/publish.html");
            await studio.EvaluateAsync<string>("([u, t, c]) => window.publish(u, t, c)",
                new object[] { host.BaseUrl + "/whip/" + RelayTestHost.Lesson, host.TeacherToken(), codec });

            for (var i = 0; i < Players; i++)
            {
                var player = await chromium.Context.NewPageAsync();
                pages.Add(player);
                await player.GotoAsync(host.BaseUrl + "/play.html");
                await player.EvaluateAsync<string>("([u, t]) => window.play(u, t)",
                    new object[] { host.BaseUrl + "/whep/" + RelayTestHost.Lesson, host.ClassroomToken() });
            }

            foreach (var player in pages.Skip(1))
            {
                var stats = await WaitForMediaAsync(player);
                output.WriteLine($"{codec}/{transport}: {stats}");
                Assert.True(stats.FramesDecoded > 0, $"no video frames decoded: {stats}");
                Assert.True(stats.AudioPackets > 0, $"no audio packets: {stats}");
                Assert.Contains(codec, stats.Codec, StringComparison.OrdinalIgnoreCase);
                var diff = await player.EvaluateAsync<FrameDiff>("ms => window.frameDiff(ms)", 700);
                output.WriteLine($"pixel diff {diff}");
                Assert.True(diff.Lit > 0, "the video element shows a black picture");
                Assert.True(diff.Diff > 0, "the picture does not move");
            }

            // RTCP both ways: the relay's receiver reports reach the studio, the studio's sender
            // reports reach the players on their own SSRCs (both arrive about once a second).
            var reports = 0;
            for (var i = 0; i < 20 && reports == 0; i++)
            {
                reports = await studio.EvaluateAsync<int>("() => window.receiverReports()");
                if (reports == 0) await Task.Delay(500);
            }

            Assert.True(reports > 0, "the studio got no receiver report from the relay");
            var senderReports = 0;
            for (var i = 0; i < 20 && senderReports == 0; i++)
            {
                senderReports = (await pages[1].EvaluateAsync<PlayerStats>("() => window.stats()")).SenderReports;
                if (senderReports == 0) await Task.Delay(500);
            }

            Assert.True(senderReports > 0, "the player got no sender report");
            var sessions = host.Runtime.Sessions.ToList();
            Assert.Equal(Players + 1, sessions.Count);
            Assert.All(sessions, s => Assert.Equal(transport, s.Path?.Protocol));
            output.WriteLine($"relay: received {host.Runtime.Counters.Received}, forwarded {host.Runtime.Counters.Forwarded}, dropped {host.Runtime.Counters.Dropped}");
        }
        finally
        {
            foreach (var page in pages) await page.CloseAsync();
        }
    }

    private static async Task<PlayerStats> WaitForMediaAsync(IPage player)
    {
        var stats = new PlayerStats();
        for (var i = 0; i < 60; i++)
        {
            stats = await player.EvaluateAsync<PlayerStats>("() => window.stats()");
            if (stats.FramesDecoded > 5 && stats.AudioPackets > 5) return stats;
            await Task.Delay(500);
        }

        return stats;
    }
}
