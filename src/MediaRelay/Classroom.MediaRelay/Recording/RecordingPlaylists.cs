using System.Globalization;
using System.Text;

namespace Classroom.MediaRelay.Recording;

/// <summary>What one composed playlist holds.</summary>
internal sealed record ComposedPlaylist(string Rendition, int Segments, double Duration, int Discontinuities, double LongestSegment);

/// <summary>
/// Writes a recording's top-level media playlists ({rendition}.m3u8) from its runs' own
/// playlists (RFC 8216 §4.3): each run's segments behind its own <c>#EXT-X-MAP</c>, an
/// <c>#EXT-X-DISCONTINUITY</c> between runs, only segments ffmpeg has already listed (so only
/// complete ones). While recording it is an EVENT playlist (the live HLS fallback reads it); the
/// final one is VOD with <c>#EXT-X-ENDLIST</c>. Written to a temporary file and renamed.
/// </summary>
internal static class RecordingPlaylists
{
    /// <summary>The playlist file of a rendition inside a run's folder (ffmpeg writes it).</summary>
    public static string RunPlaylist(string rendition) => rendition + ".m3u8";

    public static ComposedPlaylist Compose(string folder, RecordingManifest manifest, string rendition, bool final)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var body = new StringBuilder();
        var segments = 0;
        var duration = 0.0;
        var longest = 0.0;
        var discontinuities = 0;
        var runsWithMedia = 0;
        foreach (var run in manifest.Runs)
        {
            if (!run.Renditions.Contains(rendition)) continue;
            var playlist = HlsMediaPlaylist.ReadFile(Path.Combine(folder, run.Folder, RunPlaylist(rendition)));
            // A run stopped before its first key frame (the studio shared courseware 3 s in) leaves one
            // segment of 0 s with no media in it (a bare 'styp'); hls.js cannot parse it and a
            // replay starting there failed with fragParsingError. Such segments are left out, and a
            // run with nothing else gets no map and no discontinuity.
            var listed = playlist.Segments.Where(s => s.Duration > 0 && IsSafeName(s.Uri) && File.Exists(Path.Combine(folder, run.Folder, s.Uri))).ToList();
            if (playlist.Map is not { } map || !IsSafeName(map) || listed.Count == 0) continue;
            if (runsWithMedia++ > 0)
            {
                body.Append("#EXT-X-DISCONTINUITY\n");
                discontinuities++;
            }

            body.Append("#EXT-X-MAP:URI=\"").Append(run.Folder).Append('/').Append(map).Append("\"\n");
            foreach (var segment in listed)
            {
                body.Append("#EXTINF:").Append(segment.Duration.ToString("0.000###", CultureInfo.InvariantCulture)).Append(",\n")
                    .Append(run.Folder).Append('/').Append(segment.Uri).Append('\n');
                duration += segment.Duration;
                longest = Math.Max(longest, segment.Duration);
                segments++;
            }
        }

        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n");
        text.Append("#EXT-X-TARGETDURATION:").Append(Math.Max(1, (int)Math.Ceiling(longest)).ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:").Append(final ? "VOD" : "EVENT").Append("\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        text.Append(body);
        if (final) text.Append("#EXT-X-ENDLIST\n");
        var path = Path.Combine(folder, rendition + ".m3u8");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
        return new ComposedPlaylist(rendition, segments, duration, discontinuities, longest);
    }

    /// <summary>A plain file name ffmpeg wrote next to its playlist (no folder, no URL): nothing else is referenced.</summary>
    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 128 && !name.Contains('/') && !name.Contains('\\') && !name.Contains(':') && name != "." && name != "..";
}
