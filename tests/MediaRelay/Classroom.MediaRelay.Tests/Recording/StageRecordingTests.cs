using Classroom.Testing.Media;
using Classroom.MediaRelay.Recording;

namespace Classroom.MediaRelay.Tests.Recording;

/// <summary>
/// Rooms on stage with real ffmpeg: a room whose school consented is recorded as the
/// <c>stage</c> rendition, one run per stage turn with a discontinuity between turns; a room
/// without consent is never consumed by the recorder and no file holds its media. The two rooms
/// send pictures of different sizes, so every init section in the folder tells whose media it holds.
/// </summary>
[Collection(nameof(RecordingCollection))]
public sealed class StageRecordingTests
{
    private const long Consenting = 12;
    private const long NotConsenting = 13;
    private const string ConsentingSize = "320x240";
    private const string OtherSize = "480x272";

    [Fact]
    public async Task A_consenting_room_on_stage_is_its_own_rendition_and_a_room_without_consent_is_never_written()
    {
        await using var harness = await RecordingHarness.StartAsync(stageConsent: new HashSet<long> { Consenting });
        var session = await harness.StudioConnectsAsync("H264");
        harness.StartSending("H264", 24);

        using (var first = harness.StageConnects(Consenting))
        {
            await Eventually.TrueAsync(() => session.Stages is [{ SinkCount: 2 }], TimeSpan.FromSeconds(30), "the consenting room's sinks attach");
            await first.SendAsync(4, ConsentingSize, 880);
            first.Leave();
        }

        await Eventually.TrueAsync(() => session.Stages.Count == 0 && session.Manifest.Runs.All(r => r.Exit is not null || r.Producer is null),
            TimeSpan.FromSeconds(30), "the first stage turn is closed");

        using (var other = harness.StageConnects(NotConsenting))
        {
            await other.SendAsync(3, OtherSize, 1000);
            await harness.Recorder.IdleAsync(Infrastructure.RelayTestHost.Lesson);
            Assert.Empty(session.Stages); // nothing consumes the room without consent
            Assert.Empty(other.Producer.Consumers);
            other.Leave();
        }

        using (var second = harness.StageConnects(Consenting))
        {
            await Eventually.TrueAsync(() => session.Stages is [{ SinkCount: 2 }], TimeSpan.FromSeconds(30), "the second turn's sinks attach");
            await second.SendAsync(3, ConsentingSize, 880);
            second.Leave();
        }

        await harness.SenderDoneAsync();
        harness.EndLesson();
        await Eventually.TrueAsync(() => RecordingManifest.Load(session.Folder)?.State == RecordingManifest.Finished, TimeSpan.FromSeconds(30), "the recording is finished");

        var manifest = RecordingManifest.Load(session.Folder)!;
        var stageRuns = manifest.Runs.Where(r => r.Producer is not null).ToList();
        Assert.Equal(2, stageRuns.Count);
        Assert.All(stageRuns, r => Assert.Equal(Classroom.MediaRelay.Rooms.ProducerIds.Stage(Consenting), r.Producer));
        Assert.All(stageRuns, r => Assert.Equal([RecordingArguments.Stage], r.Renditions));

        var playlist = Path.Combine(session.Folder, "stage.m3u8");
        var text = await File.ReadAllTextAsync(playlist);
        Assert.Contains("#EXT-X-ENDLIST", text, StringComparison.Ordinal);
        Assert.Single(HlsMediaPlaylist.ReadFile(playlist).Segments.Select(s => s.Uri.Split('/')[0]).Distinct().Skip(1)); // two run folders
        Assert.Contains("#EXT-X-DISCONTINUITY", text, StringComparison.Ordinal);
        var duration = await HlsProbe.DurationAsync(playlist);
        Assert.InRange(duration, 5, 8); // 4 s + 3 s of turns, each cut at its key frames
        await HlsProbe.AssertDecodesAsync(playlist);
        var (_, streams, _) = await HlsProbe.RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", playlist);
        Assert.Contains("h264,320,240", streams, StringComparison.Ordinal);
        Assert.Contains("aac", streams, StringComparison.Ordinal);

        // No file of the recording holds the other room's picture: every init section is the studio's or the consenting room's.
        foreach (var init in Directory.EnumerateFiles(session.Folder, "init-*.mp4", SearchOption.AllDirectories))
        {
            var (_, size, _) = await HlsProbe.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", init);
            Assert.True(size.Trim() is "640,360" or "320,240", init + ": " + size);
        }

        Assert.Equal(manifest.Runs.Count, Directory.EnumerateDirectories(session.Folder, "run-*").Count());
        Console.WriteLine($"stage: {stageRuns.Count} turns, stage.m3u8 {duration:0.00} s");
    }
}
