using Classroom.Testing.Media;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Classroom.Contracts.Tokens;
using Classroom.MediaRelay.Recording;
using Classroom.Server.Tests.Deployment;

namespace Classroom.Server.Tests.Recordings;

/// <summary>
/// Issue 11's crash proof for the server: the shipped server as a real process records a lesson a
/// studio publishes through WHIP; at 30 s the server and its ffmpegs are SIGKILLed (a crash as
/// systemd sees it), and the server is started again on the same data folder. On start the
/// recording is finished from what was on disk — manifest recovered, playlist closed — it decodes
/// without an error, covers the lesson up to the crash but for the segment being written, and the
/// catalog lists it as finished with a playable signed URL.
/// </summary>
[Collection(nameof(RecordedLessonCollection))]
public sealed class ServerCrashRecordingTests
{
    private const double CrashAt = 30;

    /// <summary>What a crash may lose: the segment ffmpeg was writing (1–2 s, cut at a key frame).</summary>
    private const double MaxLoss = 2;

    [Fact]
    public async Task A_server_killed_mid_lesson_finishes_the_recording_up_to_the_crash_on_the_next_start()
    {
        var inv = CultureInfo.InvariantCulture;
        await using var server = await ServerProcess.StartAsync(ServerProcess.FreeTcpPort(), netns: null,
            "--MediaRelay:ManagementPort", ServerProcess.FreeTcpPort().ToString(inv),
            "--MediaRelay:UdpPort", ServerProcess.FreeUdpPort().ToString(inv),
            "--MediaRelay:TcpPort", ServerProcess.FreeTcpPort().ToString(inv),
            "--MediaRelay:Recording:Enabled", "true");
        // Today's occurrence of the demo's lead lesson 1 (the recording policy asks the scheduler for it);
        // the studio's publish token is signed with the server's own key, as the scheduler signs a teacher's.
        var lesson = "L1-" + TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyyMMdd", inv);
        var token = PublishToken(server.DataFolder, lesson);

        await WhipStudio.SourceAsync("H264", CrashAt * 2, WhipStudio.DefaultSize); // before the studio connects: a studio sends at once
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        double sent;
        var studio = await WhipStudio.ConnectAsync(http, new Uri(server.BaseUrl + "/whip/" + lesson), token, "H264", CancellationToken.None);
        try
        {
            var recordings = Path.Combine(server.DataFolder, "recordings");
            await UntilAsync(() => Directory.Exists(recordings) && Directory.GetDirectories(recordings).Length == 1
                && File.Exists(Path.Combine(Directory.GetDirectories(recordings)[0], "run-1", "input.sdp")), TimeSpan.FromSeconds(30),
                () => "the server starts recording the studio:\n" + server.Output);
            await studio.StartAsync(CrashAt * 2);
            await UntilAsync(() => studio.MediaTime >= TimeSpan.FromSeconds(CrashAt), TimeSpan.FromSeconds(CrashAt + 60), () => "the lesson reaches 30 s");
            sent = studio.SourceSeconds;
            await server.KillAsync();
        }
        finally
        {
            await studio.DisposeAsync();
        }

        var folder = Directory.GetDirectories(Path.Combine(server.DataFolder, "recordings")).Single();
        Assert.Equal(RecordingManifest.Recording, RecordingManifest.Load(folder)!.State);
        var restarted = Stopwatch.StartNew();
        await server.RestartAsync();
        await UntilAsync(() => RecordingManifest.Load(folder)?.State == RecordingManifest.Finished, TimeSpan.FromSeconds(30),
            () => "the recording is finished on start:\n" + server.Output);
        var toFinished = restarted.Elapsed;

        var manifest = RecordingManifest.Load(folder)!;
        Assert.True(manifest.Recovered);
        var file = Path.Combine(folder, "camera.m3u8");
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("#EXT-X-ENDLIST", text, StringComparison.Ordinal);
        var duration = await HlsProbe.DurationAsync(file);
        Assert.True(duration >= sent - MaxLoss && duration <= sent + 0.5,
            $"the recovered VOD lasts {duration:0.00} s; the studio had sent {sent:0.00} s when the server was killed:\n{text}");
        await HlsProbe.AssertDecodesAsync(file);

        // The catalog lists it as finished, and its signed URL plays through the restarted server.
        using var admin = new DeploymentClient(new Uri(server.BaseUrl));
        await admin.SignInAsync("admin", Classroom.Server.Hosting.DemoAccounts.Password);
        var id = Path.GetFileName(folder);
        await UntilAsync(async () =>
        {
            var list = (await DeploymentClient.ReadAsync(await admin.GetAsync("/api/recordings"), HttpStatusCode.OK)).AsArray();
            return list.Any(r => (string?)r!["id"] == id && (string?)r["state"] == "finished");
        }, TimeSpan.FromSeconds(30), () => "the catalog lists the recovered recording as finished");
        var detail = await DeploymentClient.ReadAsync(await admin.GetAsync($"/api/recordings/{id}"), HttpStatusCode.OK);
        Assert.True((bool)detail["recovered"]!);
        var play = await DeploymentClient.ReadAsync(await admin.SendAsync(HttpMethod.Post, $"/api/recordings/{id}/play", new { }), HttpStatusCode.OK);
        // The player gets the master playlist (camera and its low copy as variants); the checks read the camera rendition itself.
        Assert.EndsWith("/index.m3u8", (string)play["url"]!, StringComparison.Ordinal);
        var url = server.BaseUrl + (string)play["renditions"]!["camera"]!;
        await HlsProbe.AssertDecodesAsync(url);
        var seek = await HlsProbe.SeekUrlAsync(http, url, duration / 2);
        Assert.True(seek is { } s && Math.Abs(s - duration / 2) <= MaxLoss, $"a seek to {duration / 2:0.0} s decodes a frame at {seek}");
        await server.StopAsync();
        Console.WriteLine($"server crash at {sent:0.00} s of video: recovered VOD {duration:0.00} s, restart → recording finished {toFinished.TotalSeconds:0.0} s");
    }

    private static string PublishToken(string dataFolder, string lesson)
    {
        using var key = JoinTokenKeys.LoadOrCreatePrivate(dataFolder);
        var now = TimeProvider.System.GetUtcNow();
        var claims = new JoinTokenClaims("teacher:crash-test", ClassroomRole.Teacher, 1, lesson, 1, null, 1,
            [JoinTokenScopes.Play, JoinTokenScopes.Publish], now.AddMinutes(-1), now.AddHours(1), Guid.NewGuid().ToString("N"));
        return JoinTokenCodec.Sign(claims, key);
    }

    private static Task UntilAsync(Func<bool> condition, TimeSpan limit, Func<string> what) => UntilAsync(() => Task.FromResult(condition()), limit, what);

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit) Assert.Fail($"not within {limit.TotalSeconds} s: {what()}");
            await Task.Delay(100);
        }
    }
}
