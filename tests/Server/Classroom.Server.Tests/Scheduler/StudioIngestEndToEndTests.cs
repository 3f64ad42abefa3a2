using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Classroom.MediaRelay;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// The whole server (scheduler + relay): an admin makes a studio's stream key, the hardware host
/// pushes RTMP with the URL the answer gave and becomes the studio of the lesson the scheduler says
/// the studio holds; after a rotation the old key is refused and the status says why.
/// </summary>
public sealed class StudioIngestEndToEndTests : IAsyncLifetime
{
    // 09:55 in Shanghai on the demo's Monday: studio 1's music lesson L1 (10:00) is in its join window.
    private readonly SchedulerHost _host = new(now: new DateTimeOffset(2026, 11, 23, 1, 55, 0, TimeSpan.Zero), roles: "scheduler,relay");

    public Task InitializeAsync()
    {
        _host.Settings["MediaRelay:UdpPort"] = "0";
        _host.Settings["MediaRelay:TcpPort"] = "0";
        _host.Settings["MediaRelay:ManagementPort"] = FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        _host.Settings["MediaRelay:Ingest:Enabled"] = "true";
        _host.Settings["MediaRelay:Ingest:RtmpPort"] = "0";
        _host.Settings["MediaRelay:Ingest:SrtPort"] = "0";
        _host.StartOnLoopback();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        _host.DeleteData();
        return Task.CompletedTask;
    }

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static FfmpegProcess Push(string url) => FfmpegProcess.Start("ffmpeg",
    [
        "-hide_banner", "-nostats", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine",
        "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv", url,
    ]);

    [Fact]
    public async Task A_host_pushing_with_the_rotated_key_becomes_the_lessons_studio_and_the_old_key_is_refused()
    {
        var admin = _host.Admin();
        var first = await (await admin.PostAsync("/api/studios/1/stream-key", null)).ReadAsync(HttpStatusCode.OK);
        var oldUrl = (string)first["rtmpUrl"]!;
        Assert.StartsWith("rtmp://", oldUrl, StringComparison.Ordinal);
        Assert.EndsWith("/live/" + (string)first["streamKey"]!, oldUrl, StringComparison.Ordinal);
        Assert.Contains("streamid=" + (string)first["streamKey"]!, (string)first["srtUrl"]!, StringComparison.Ordinal);
        var second = await (await admin.PostAsync("/api/studios/1/stream-key", null)).ReadAsync(HttpStatusCode.OK);

        // The host's address is the server's name as the admin reached it; the test pushes on loopback.
        var port = new Uri((string)second["rtmpUrl"]!).Port;
        var key = (string)second["streamKey"]!;
        using var host = Push($"rtmp://127.0.0.1:{port}/live/{key}");
        var runtime = _host.Services.GetRequiredService<MediaRelayRuntime>();
        await Eventually(async () =>
        {
            var status = (await (await admin.GetAsync("/api/studios/1/ingest")).ReadAsync(HttpStatusCode.OK))["status"]!;
            return (bool)status["connected"]! && (string?)status["lessonId"] == "L1-20261123"
                && runtime.Rooms.TryGet("L1-20261123", out var router) && router!.ProducerOf(ProducerIds.Studio) is not null;
        }, () => "the host became lesson L1's studio; host: " + host.Reason);

        using var stale = Push($"rtmp://127.0.0.1:{port}/live/{(string)first["streamKey"]!}");
        Assert.NotEqual(0, await stale.Exited.WaitAsync(TimeSpan.FromSeconds(60)));
        var after = (await (await admin.GetAsync("/api/studios/1/ingest")).ReadAsync(HttpStatusCode.OK))["status"]!;
        Assert.Contains("wrong or rotated stream key", (string?)after["lastRefusal"], StringComparison.Ordinal);
        Assert.True((bool)after["connected"]!, "the refused push does not disturb the studio's own");
        Assert.True((bool)after["listening"]!);
    }

    private static async Task Eventually(Func<Task<bool>> condition, Func<string> what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) Assert.Fail("not within 60 s: " + what());
            await Task.Delay(100);
        }
    }
}
