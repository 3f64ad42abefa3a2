using System.Text.RegularExpressions;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Where a recording's files are (<c>{data}/recordings/{recordingId}/</c>, written by the relay's
/// recorder) and which of them may be served: HLS playlists, fMP4 segments and init sections, the
/// poster. Relative paths only, made of plain name characters; anything else is refused before
/// the file system is touched.
/// </summary>
public sealed partial class RecordingFiles(string dataFolder)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(dataFolder, "recordings"));

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public string FolderOf(string recordingId) =>
        IsValidId(recordingId) ? Path.Combine(Root, recordingId) : throw new ArgumentException("Not a recording id.", nameof(recordingId));

    /// <summary>The full path of <paramref name="relative"/> inside the recording's folder, or null when it is not a servable file name.</summary>
    public string? Resolve(string recordingId, string? relative)
    {
        if (!IsValidId(recordingId) || relative is null || relative.Length > 200 || !FilePattern().IsMatch(relative)) return null;
        var folder = FolderOf(recordingId) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(folder, relative));
        return full.StartsWith(folder, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>Content type by extension (RFC 8216 §4 for playlists; segments are ISO BMFF).</summary>
    public static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".m4s" => "video/iso.segment",
        ".mp4" => "video/mp4",
        ".jpg" or ".jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    };

    /// <summary>Deletes the recording's folder; true when it is gone (or was never there).</summary>
    public bool Delete(string recordingId)
    {
        var folder = FolderOf(recordingId);
        if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        return !System.IO.Directory.Exists(folder);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
    private static partial Regex IdPattern();

    // One or two levels ("camera.m3u8", "run-1/seg_00001.m4s"); no dot segments, no leading dot.
    [GeneratedRegex(@"^(?:[A-Za-z0-9][A-Za-z0-9_\-]*/)?[A-Za-z0-9][A-Za-z0-9_\-]*\.(?:m3u8|m4s|mp4|jpg|jpeg)$")]
    private static partial Regex FilePattern();
}
