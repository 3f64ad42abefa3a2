using System.Diagnostics;
using System.Text.Json;
using Classroom.MediaRelay.Tests.Infrastructure;
using Classroom.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.MediaRelay.Tests.Simulcast;

/// <summary>
/// The shipped studio console (/vue/studio.html; its publisher is web/vue/src/core/studio-publish.ts) against the relay in headless Chromium: by
/// default its camera goes out as rid l/m/h layers (lowest first, quarter / half / full size),
/// and with simulcast=0 as one full-size stream. The page is untouched; the test only keeps a
/// handle on its RTCPeerConnection (an init script wraps the constructor) to read getStats.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class StudioSimulcastTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private const string KeepPeerConnections = """
        (() => {
          const Original = window.RTCPeerConnection;
          window.__peers = [];
          window.RTCPeerConnection = function (...args) { const pc = new Original(...args); window.__peers.push(pc); return pc; };
          window.RTCPeerConnection.prototype = Original.prototype;
        })();
        """;

    private const string OutboundVideo = """
        async () => {
          // The studio page has several peer connections (WHIP, and the wall's WHEP): the camera
          // is the first video section of the one that sends (courseware, when shared, is the second).
          const rows = [];
          for (const pc of window.__peers) {
            const stats = await pc.getStats();
            const cameraMid = pc.getTransceivers().find(t => t.direction === 'sendonly' && t.receiver.track.kind === 'video')?.mid;
            stats.forEach(s => { if (s.type === 'outbound-rtp' && s.kind === 'video' && (s.mid === undefined || s.mid === cameraMid))
              rows.push({ rid: s.rid ?? '', packets: s.packetsSent ?? 0, width: s.frameWidth ?? 0, limit: s.qualityLimitationReason ?? '' }); });
          }
          return JSON.stringify(rows);
        }
        """;

    private sealed record Layer(string Rid, long Packets, int Width, string Limit);

    [Theory]
    [InlineData("", 3)]
    [InlineData("&simulcast=0", 1)]
    public async Task Studio_page_sends_three_layers_lowest_first_or_one_stream_with_simulcast_0(string query, int expectedLayers)
    {
        var webRoot = RelayTestHost.BuiltWebRoot();
        if (webRoot is null)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "the web build (cd web && npm run build) is missing");
            output.WriteLine("web build missing: nothing to test outside CI");
            return;
        }

        await using var host = await RelayTestHost.StartAsync(webRoot: webRoot);
        var studio = await chromium.Context.NewPageAsync();
        try
        {
            await studio.AddInitScriptAsync(KeepPeerConnections);
            await SchedulerStandIn.GiveJoinTokenAsync(studio, host.TeacherToken());
            await studio.GotoAsync($"{host.BaseUrl}/vue/studio.html?lang=en&lesson={RelayTestHost.Lesson}{query}");
            await studio.ClickAsync("#start");
            await studio.WaitForSelectorAsync("#status[data-state='studio.live']", new() { Timeout = 20_000 });
            Assert.Equal(expectedLayers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                await studio.GetAttributeAsync("#status", "data-layers"));

            // Wait (bounded) until every layer has sent; the top one needs the sender's estimate to grow.
            var clock = Stopwatch.StartNew();
            Layer[] layers = [];
            while (clock.Elapsed < TimeSpan.FromSeconds(40))
            {
                layers = JsonSerializer.Deserialize<Layer[]>(await studio.EvaluateAsync<string>(OutboundVideo),
                    new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
                if (layers.Length == expectedLayers && layers.All(l => l.Packets > 0 && l.Width > 0)) break;
                await Task.Delay(500);
            }

            output.WriteLine($"after {clock.Elapsed.TotalSeconds:F1} s: {string.Join("; ", layers.Select(l => $"{l.Rid} {l.Packets} pkts {l.Width} px {l.Limit}"))}");
            Assert.Equal(expectedLayers, layers.Length);
            Assert.All(layers, l => Assert.True(l.Packets > 0, $"layer '{l.Rid}' sent nothing"));
            if (expectedLayers == 3)
            {
                var byRid = layers.ToDictionary(l => l.Rid);
                Assert.Equal(["h", "l", "m"], byRid.Keys.Order());
                Assert.True(byRid["l"].Width < byRid["m"].Width && byRid["m"].Width < byRid["h"].Width,
                    "layers are not quarter / half / full size");
            }
            else
            {
                Assert.Equal("", layers[0].Rid);
            }
        }
        finally
        {
            await studio.CloseAsync();
        }
    }
}
