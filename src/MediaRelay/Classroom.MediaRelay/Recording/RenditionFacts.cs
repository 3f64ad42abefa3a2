using System.Globalization;
using System.Text;
using Classroom.Contracts.Recordings;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// The facts of a finished rendition that a player needs to choose between variants: codec string
/// and picture size from its init section, peak and average bit rate from its segments' sizes
/// and durations (RFC 8216 §4.3.4.2: BANDWIDTH is the peak segment bit rate, AVERAGE-BANDWIDTH
/// the mean). No ffprobe: the recorder wrote these files and reads a few boxes of one of them.
/// </summary>
internal sealed record RenditionFacts(string Name, string Playlist, string? Codecs, int? Width, int? Height, long? Bandwidth, long? AverageBandwidth)
{
    /// <summary>The master playlist listing the camera variants (<see cref="MasterPlaylist"/>).</summary>
    public const string Master = "index.m3u8";

    public RecordingRendition ToRendition() => new(Name, Playlist, Codecs, Width, Height, Bandwidth);

    /// <summary>Measures <paramref name="playlist"/> (a VOD the recorder wrote in <paramref name="folder"/>).</summary>
    public static RenditionFacts Measure(string folder, string name, string playlist)
    {
        var media = HlsMediaPlaylist.ReadFile(Path.Combine(folder, playlist));
        var init = media.Map is { } map && Inside(folder, map) is { } path ? Mp4InitSection.Read(path) : default;
        long bits = 0;
        double seconds = 0, peak = 0;
        foreach (var segment in media.Segments)
        {
            if (Inside(folder, segment.Uri) is not { } file || !File.Exists(file)) continue;
            var size = new FileInfo(file).Length * 8;
            bits += size;
            seconds += segment.Duration;
            // A segment shorter than half a second (the last one, a run cut short) would overstate the peak.
            if (segment.Duration >= 0.5) peak = Math.Max(peak, size / segment.Duration);
        }

        long? average = seconds > 0 ? (long)(bits / seconds) : null;
        long? bandwidth = peak > 0 ? (long)peak : average;
        return new RenditionFacts(name, playlist, init.Codecs, init.Width, init.Height, bandwidth, average);
    }

    private static string? Inside(string folder, string uri)
    {
        if (uri.Contains(':') || uri.Contains('\\') || uri.Split('/').Any(p => p is "" or "." or "..")) return null;
        return Path.Combine(folder, uri);
    }
}

/// <summary>
/// <c>index.m3u8</c>, the recording's master playlist (RFC 8216 §4.3.4.2): the camera and, once
/// made, its low-bitrate copy as variants of the same picture, so a player (hls.js) switches to
/// the low one on a weak link. Courseware and rooms on stage are other pictures, not variants:
/// they stay separate media playlists in the catalog. Written to a temporary file and renamed.
/// </summary>
internal static class MasterPlaylist
{
    public static void Write(string folder, IReadOnlyList<RenditionFacts> variants)
    {
        var listed = variants.Where(v => v.Bandwidth is > 0).OrderByDescending(v => v.Bandwidth).ToList();
        var path = Path.Combine(folder, RenditionFacts.Master);
        if (listed.Count == 0) return;
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var v in listed)
        {
            text.Append("#EXT-X-STREAM-INF:BANDWIDTH=").Append(v.Bandwidth!.Value.ToString(CultureInfo.InvariantCulture));
            if (v.AverageBandwidth is { } average) text.Append(",AVERAGE-BANDWIDTH=").Append(average.ToString(CultureInfo.InvariantCulture));
            if (v.Codecs is { } codecs) text.Append(",CODECS=\"").Append(codecs).Append('"');
            if (v is { Width: { } w, Height: { } h }) text.Append(",RESOLUTION=").Append(w.ToString(CultureInfo.InvariantCulture)).Append('x').Append(h.ToString(CultureInfo.InvariantCulture));
            text.Append('\n').Append(v.Playlist).Append('\n');
        }

        File.WriteAllText(path + ".tmp", text.ToString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The variants of a recording folder as they are now: camera, and camera-low when its playlist exists.</summary>
    public static IReadOnlyList<RenditionFacts> Variants(string folder)
    {
        var variants = new List<RenditionFacts>();
        if (File.Exists(Path.Combine(folder, RecordingArguments.Camera + ".m3u8")))
            variants.Add(RenditionFacts.Measure(folder, RecordingArguments.Camera, RecordingArguments.Camera + ".m3u8"));
        if (File.Exists(Path.Combine(folder, LowRendition.Playlist)))
            variants.Add(RenditionFacts.Measure(folder, LowRendition.Name, LowRendition.Playlist));
        return variants;
    }
}
