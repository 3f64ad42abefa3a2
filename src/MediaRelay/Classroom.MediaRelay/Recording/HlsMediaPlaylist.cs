using System.Globalization;

namespace Classroom.MediaRelay.Recording;

/// <summary>One media segment of an HLS playlist (RFC 8216 §4.3.2.1): its URI and EXTINF duration.</summary>
internal readonly record struct HlsSegment(string Uri, double Duration);

/// <summary>
/// What the recorder reads from a playlist ffmpeg wrote for one run (RFC 8216 §4.3): the
/// initialization section (<c>#EXT-X-MAP</c>), the segments listed so far and whether it was
/// closed (<c>#EXT-X-ENDLIST</c>). Bounded: at most <see cref="MaxBytes"/> of text and
/// <see cref="MaxSegments"/> segments; a last line without its newline is a write in progress
/// and ignored, so only segments ffmpeg has finished are taken.
/// </summary>
internal sealed record HlsMediaPlaylist(string? Map, IReadOnlyList<HlsSegment> Segments, bool Ended)
{
    public const int MaxBytes = 8 * 1024 * 1024;
    public const int MaxSegments = 200_000;

    public static HlsMediaPlaylist Empty { get; } = new(null, [], false);

    public double Duration => Segments.Sum(s => s.Duration);

    /// <summary>Reads a playlist file; a missing file is an empty playlist (the run wrote nothing yet).</summary>
    public static HlsMediaPlaylist ReadFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return Empty;
            if (info.Length > MaxBytes) return Empty;
            return TryParse(File.ReadAllText(path), out var playlist) ? playlist : Empty;
        }
        catch (IOException)
        {
            return Empty;
        }
    }

    public static bool TryParse(string text, out HlsMediaPlaylist playlist)
    {
        ArgumentNullException.ThrowIfNull(text);
        playlist = Empty;
        if (text.Length > MaxBytes || !text.StartsWith("#EXTM3U", StringComparison.Ordinal)) return false;
        var complete = text.LastIndexOf('\n');
        if (complete < 0) return false;
        string? map = null;
        double? pending = null;
        var ended = false;
        var segments = new List<HlsSegment>();
        foreach (var raw in text.AsSpan(0, complete).EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty) continue;
            if (line.StartsWith("#EXTINF:"))
            {
                var value = line["#EXTINF:".Length..];
                var comma = value.IndexOf(',');
                if (comma >= 0) value = value[..comma];
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > 3600) return false;
                pending = seconds;
            }
            else if (line.StartsWith("#EXT-X-MAP:"))
            {
                map = QuotedAttribute(line, "URI=\"");
                if (map is null) return false;
            }
            else if (line.SequenceEqual("#EXT-X-ENDLIST"))
            {
                ended = true;
            }
            else if (line[0] != '#')
            {
                if (pending is not { } duration) return false;
                if (segments.Count == MaxSegments) return false;
                segments.Add(new HlsSegment(line.ToString(), duration));
                pending = null;
            }
        }

        playlist = new HlsMediaPlaylist(map, segments, ended);
        return true;
    }

    private static string? QuotedAttribute(ReadOnlySpan<char> line, string name)
    {
        var at = line.IndexOf(name, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = line[(at + name.Length)..];
        var end = rest.IndexOf('"');
        return end <= 0 ? null : rest[..end].ToString();
    }
}
