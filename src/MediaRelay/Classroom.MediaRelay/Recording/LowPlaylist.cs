using System.Globalization;
using System.Text;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// Publishes the low rendition: ffmpeg's finished playlist in <c>low/</c> becomes the top-level
/// <c>camera-low.m3u8</c> (VOD, <c>#EXT-X-ENDLIST</c>) with its URIs under <c>low/</c>, written to a
/// temporary file and renamed, so the playlist exists only once the whole copy does.
/// </summary>
internal static class LowPlaylist
{
    public static ComposedPlaylist Publish(string folder)
    {
        var source = HlsMediaPlaylist.ReadFile(Path.Combine(folder, LowRendition.Folder, "camera-low.m3u8"));
        var segments = source.Segments.Where(s => IsPlain(s.Uri) && File.Exists(Path.Combine(folder, LowRendition.Folder, s.Uri))).ToList();
        if (source.Map is not { } map || !IsPlain(map) || segments.Count == 0 || !source.Ended) return new ComposedPlaylist(LowRendition.Name, 0, 0, 0, 0);
        var longest = segments.Max(s => s.Duration);
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n");
        text.Append("#EXT-X-TARGETDURATION:").Append(Math.Max(1, (int)Math.Ceiling(longest)).ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        text.Append("#EXT-X-MAP:URI=\"").Append(LowRendition.Folder).Append('/').Append(map).Append("\"\n");
        foreach (var segment in segments)
        {
            text.Append("#EXTINF:").Append(segment.Duration.ToString("0.000###", CultureInfo.InvariantCulture)).Append(",\n")
                .Append(LowRendition.Folder).Append('/').Append(segment.Uri).Append('\n');
        }

        text.Append("#EXT-X-ENDLIST\n");
        var path = Path.Combine(folder, LowRendition.Playlist);
        File.WriteAllText(path + ".tmp", text.ToString());
        File.Move(path + ".tmp", path, overwrite: true);
        return new ComposedPlaylist(LowRendition.Name, segments.Count, segments.Sum(s => s.Duration), 0, longest);
    }

    private static bool IsPlain(string name) =>
        name.Length is > 0 and <= 128 && !name.Contains('/') && !name.Contains('\\') && !name.Contains(':') && name != "." && name != "..";
}
