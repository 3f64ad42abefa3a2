using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Classroom.Testing.Media;

/// <summary>
/// ffprobe/ffmpeg on an HLS VOD (a file path or a URL the server signed), bounded in time: its
/// duration, a full decode with <c>-v error</c> (whose output must be empty), its codecs, and a seek
/// done as a player does it. The recorder's tests (relay) and the server's recorded-lesson tests
/// use the same probe.
/// </summary>
public static class HlsProbe
{
    /// <summary>Runs ffmpeg or ffprobe to the end (at most 180 s, then killed); returns (exit code, stdout, stderr).</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(string tool, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + tool);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    public static async Task<double> DurationAsync(string playlist)
    {
        var (code, output, error) = await RunAsync("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", playlist).ConfigureAwait(false);
        Assert.True(code == 0, error);
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Decodes every stream of the whole VOD; returns what ffmpeg printed at level error ("" when clean).</summary>
    public static async Task<string> DecodeErrorsAsync(string playlist)
    {
        var (code, _, error) = await RunAsync("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", playlist, "-f", "null", "-").ConfigureAwait(false);
        return code == 0 ? error.Trim() : "exit " + code + ": " + error;
    }

    /// <summary>Decodes the whole VOD and fails with everything ffmpeg printed (not a truncated diff) when anything did not decode cleanly.</summary>
    public static async Task AssertDecodesAsync(string playlist)
    {
        var errors = await DecodeErrorsAsync(playlist).ConfigureAwait(false);
        Assert.True(errors.Length == 0, "decoding " + playlist + " printed:\n" + errors);
    }

    /// <summary>The streams' codec names (e.g. "h264", "aac"), one per line.</summary>
    public static async Task<string> CodecsAsync(string playlist)
    {
        var (_, streams, _) = await RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", playlist).ConfigureAwait(false);
        return streams;
    }

    /// <summary>A seek in a playlist on disk (<see cref="SeekAsync(string, Func{string, Task{byte[]}}, double)"/>).</summary>
    public static async Task<double?> SeekFileAsync(string playlist, double seconds)
    {
        var folder = Path.GetDirectoryName(playlist)!;
        return await SeekAsync(await File.ReadAllTextAsync(playlist).ConfigureAwait(false), name => File.ReadAllBytesAsync(Path.Combine(folder, name)), seconds).ConfigureAwait(false);
    }

    /// <summary>A seek in a playlist served over HTTP, every file fetched relative to the playlist's URL.</summary>
    public static async Task<double?> SeekUrlAsync(HttpClient http, string playlistUrl, double seconds)
    {
        ArgumentNullException.ThrowIfNull(http);
        var baseUri = new Uri(playlistUrl);
        return await SeekAsync(await http.GetStringAsync(baseUri).ConfigureAwait(false), name => http.GetByteArrayAsync(new Uri(baseUri, name)), seconds).ConfigureAwait(false);
    }

    /// <summary>
    /// Seeks as an HLS player does (hls.js, Safari): finds the segment that holds
    /// <paramref name="seconds"/> by the playlist's EXTINF, reads its init section and the segment, and
    /// decodes them on their own; returns the first video frame's time from the VOD's start (the first
    /// segment's first frame), or null when nothing decodes. ffmpeg 5.1's own <c>-ss</c> on an fMP4 HLS
    /// playlist decodes no frame at all and prints no error, so it cannot prove a seek
    /// (docs/recording.md "Proofs").
    /// </summary>
    public static async Task<double?> SeekAsync(string playlistText, Func<string, Task<byte[]>> read, double seconds)
    {
        ArgumentNullException.ThrowIfNull(playlistText);
        ArgumentNullException.ThrowIfNull(read);
        string? map = null, firstMap = null, first = null, hitMap = null, hit = null;
        double at = 0;
        double? extinf = null;
        foreach (var raw in playlistText.Split('\n'))
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
        var origin = await FirstFrameAsync(read, firstMap, first).ConfigureAwait(false);
        var frame = await FirstFrameAsync(read, hitMap, hit).ConfigureAwait(false);
        return origin is { } o && frame is { } f ? f - o : null;
    }

    private static async Task<double?> FirstFrameAsync(Func<string, Task<byte[]>> read, string map, string segment)
    {
        var file = Path.Combine(Path.GetTempPath(), "classroom-seek-" + Guid.NewGuid().ToString("N") + ".mp4");
        try
        {
            await File.WriteAllBytesAsync(file, [.. await read(map).ConfigureAwait(false), .. await read(segment).ConfigureAwait(false)]).ConfigureAwait(false);
            var (code, output, error) = await RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1",
                "-show_entries", "frame=pts_time", "-of", "csv=p=0", file).ConfigureAwait(false);
            Assert.True(code == 0, error);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => double.TryParse(t.TrimEnd(','), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null)
                .FirstOrDefault(v => v is not null);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
