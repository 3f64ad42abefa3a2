using System.Security.Cryptography;
using System.Text.Json;
using Classroom.Hub.Recordings;
using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Tests.Recordings;

/// <summary>
/// What a play hands out: a finished recording with the recorder's master playlist plays it by
/// default (so hls.js can step down to the low copy on a weak link); one rendition asked for by
/// name is still that rendition; a low copy not ready yet gets no URL.
/// </summary>
public sealed class PlayGrantTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("classroom-grant-").FullName;

    [Fact]
    public async Task A_finished_recording_with_a_master_playlist_plays_it_unless_one_rendition_is_asked_for()
    {
        var files = new RecordingFiles(_folder);
        System.IO.Directory.CreateDirectory(files.FolderOf("rec-m"));
        await File.WriteAllTextAsync(Path.Combine(files.FolderOf("rec-m"), "camera.m3u8"), "#EXTM3U\n");
        var row = Row("rec-m", new StoredRendition("camera", "camera.m3u8", "avc1.42c01e,mp4a.40.2", 640, 360, 900_000, RenditionStates.Ready, null),
            new StoredRendition("low", "camera-low.m3u8", null, null, null, null, RenditionStates.Encoding, null));
        var signer = new ReplayUrlSigner(RandomNumberGenerator.GetBytes(32));
        var expires = DateTimeOffset.UnixEpoch.AddDays(30_000);

        var before = RecordingEndpoints.Grant(row, null, files, signer, expires)!;
        Assert.EndsWith("/camera.m3u8", before.Url, StringComparison.Ordinal); // no master yet (a recording finished before this version)
        Assert.Equal(["camera"], before.Renditions.Keys.Order());

        await File.WriteAllTextAsync(Path.Combine(files.FolderOf("rec-m"), "index.m3u8"), "#EXTM3U\n");
        var grant = RecordingEndpoints.Grant(row, null, files, signer, expires)!;
        Assert.EndsWith("/index.m3u8", grant.Url, StringComparison.Ordinal);
        Assert.Equal(["camera", "index"], grant.Renditions.Keys.Order()); // the low copy is still encoding: no URL
        Assert.EndsWith("/camera.m3u8", RecordingEndpoints.Grant(row, "camera", files, signer, expires)!.Url, StringComparison.Ordinal);

        row.State = RecordingStates.Recording; // live: the EVENT playlist, never the master
        Assert.EndsWith("/camera.m3u8", RecordingEndpoints.Grant(row, null, files, signer, expires)!.Url, StringComparison.Ordinal);
    }

    private static RecordingRecord Row(string id, params StoredRendition[] renditions) => new()
    {
        Id = id, LessonId = "L1", State = RecordingStates.Finished, RenditionsJson = JsonSerializer.Serialize(renditions, RecordingCatalog.Json),
    };

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);
}
