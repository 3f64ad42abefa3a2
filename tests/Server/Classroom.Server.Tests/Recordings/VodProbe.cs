using System.Diagnostics;
using System.Globalization;

namespace Classroom.Server.Tests.Recordings;

/// <summary>
/// ffprobe/ffmpeg on a VOD (a file path or a URL the server signed), bounded: its duration, a full
/// decode with <c>-v error</c> (whose output must be empty), and the first video frame decoded
/// from a seek.
/// </summary>
internal static class VodProbe
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task<double> DurationAsync(string playlist)
    {
        var (code, output, error) = await RunAsync("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", playlist);
        Assert.True(code == 0, error);
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Decodes every stream of the whole VOD; returns what ffmpeg printed at level error ("" when clean).</summary>
    public static async Task<string> DecodeErrorsAsync(string playlist)
    {
        var (code, _, error) = await RunAsync("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", playlist, "-f", "null", "-");
        return code == 0 ? error.Trim() : "exit " + code + ": " + error;
    }

    /// <summary>
    /// Seeks as an HLS player does (hls.js, Safari): finds the segment that holds
    /// <paramref name="seconds"/> by the playlist's EXTINF, fetches its init section and the segment
    /// through the server, and decodes them; returns the first video frame's time from the VOD's
    /// start (the first segment's first frame), or null when nothing decodes. (ffmpeg 5.1's own
    /// <c>-ss</c> on an fMP4 HLS playlist reads on without the init section and decodes no frame at
    /// all, so it cannot prove a seek.)
    /// </summary>
    public static async Task<double?> SeekAsync(HttpClient http, string playlistUrl, double seconds)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = await http.GetStringAsync(new Uri(playlistUrl));
        string? map = null, firstMap = null, first = null, hitMap = null, hit = null;
        double at = 0;
        double? extinf = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("#EXT-X-MAP:", StringComparison.Ordinal))
            {
                var uri = line.IndexOf("URI=\"", StringComparison.Ordinal) + 5;
                map = line[uri..line.IndexOf('"', uri)];
            }
            else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                extinf = double.Parse(line[8..].Split(',')[0], CultureInfo.InvariantCulture);
            }
            else if (line.Length > 0 && line[0] != '#')
            {
                if (first is null) (first, firstMap) = (line, map);
                if (hit is null && at + (extinf ?? 0) > seconds) (hit, hitMap) = (line, map);
                at += extinf ?? 0;
                extinf = null;
            }
        }

        if (first is null || hit is null || firstMap is null || hitMap is null) return null;
        var origin = await FirstFrameAsync(http, playlistUrl, firstMap, first);
        var frame = await FirstFrameAsync(http, playlistUrl, hitMap, hit);
        return origin is { } o && frame is { } f ? f - o : null;
    }

    private static async Task<double?> FirstFrameAsync(HttpClient http, string playlistUrl, string map, string segment)
    {
        var file = Path.Combine(Path.GetTempPath(), "classroom-seek-" + Guid.NewGuid().ToString("N") + ".mp4");
        try
        {
            await using (var output = File.Create(file))
            {
                await output.WriteAsync(await http.GetByteArrayAsync(new Uri(new Uri(playlistUrl), map)));
                await output.WriteAsync(await http.GetByteArrayAsync(new Uri(new Uri(playlistUrl), segment)));
            }

            var (code, output2, error) = await RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1",
                "-show_entries", "frame=pts_time", "-of", "csv=p=0", file);
            Assert.True(code == 0, error);
            return output2.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => double.TryParse(t.TrimEnd(','), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null)
                .FirstOrDefault(v => v is not null);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The streams' codec names (e.g. "h264", "aac").</summary>
    public static async Task<string> CodecsAsync(string playlist)
    {
        var (_, streams, _) = await RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", playlist);
        return streams;
    }
}
