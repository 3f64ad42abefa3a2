using System.Globalization;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// The low-bitrate copy of <c>camera</c> for weak links, made after the lesson
/// (docs/recording.md "Low-bitrate rendition"): its state in <c>manifest.json</c>.
/// </summary>
internal sealed record LowRendition(string State, DateTimeOffset At)
{
    /// <summary>The catalog's name of the rendition (<c>RecordingRendition</c>).</summary>
    public const string Name = "low";

    /// <summary>The top-level playlist, written only once the copy is complete.</summary>
    public const string Playlist = "camera-low.m3u8";

    /// <summary>The folder ffmpeg writes into (its own playlist, init section and segments).</summary>
    public const string Folder = "low";

    public const string Pending = "pending";
    public const string Encoding = "encoding";
    public const string Ready = "ready";
    public const string Failed = "failed";

    /// <summary>Why it failed (ffmpeg's last error line), or null.</summary>
    public string? Error { get; init; }

    /// <summary>How long the transcode took, once ready.</summary>
    public double? Seconds { get; init; }

    /// <summary>True while the job still has to run: waiting, or cut short by a stop or a crash (it starts over).</summary>
    public bool IsOpen => State is Pending or Encoding;

    /// <summary>
    /// ffmpeg's arguments: the composed VOD (discontinuities included) in, H.264 of at most
    /// <paramref name="height"/> lines at <paramref name="videoKbps"/> (capped at 1.2×) and
    /// AAC at <paramref name="audioKbps"/> out, as fMP4 HLS of 2-s segments with a key frame each;
    /// one thread for decoding and one for encoding, so the job takes about one core at most.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string recordingFolder, int height, int videoKbps, int audioKbps)
    {
        var output = Path.Combine(recordingFolder, Folder);
        string Kbps(double k) => ((int)k).ToString(CultureInfo.InvariantCulture) + "k";
        return
        [
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
            "-protocol_whitelist", "file",
            "-threads", "1",
            "-i", Path.Combine(recordingFolder, RecordingArguments.Camera + ".m3u8"),
            "-map", "0:v:0", "-map", "0:a:0?",
            "-vf", "scale=-2:'min(" + height.ToString(CultureInfo.InvariantCulture) + ",ih)',format=yuv420p",
            "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-threads", "1",
            "-b:v", Kbps(videoKbps), "-maxrate", Kbps(videoKbps * 1.2), "-bufsize", Kbps(videoKbps * 2),
            "-force_key_frames", "expr:gte(t,n_forced*2)",
            "-c:a", "aac", "-b:a", Kbps(audioKbps), "-ac", "2", "-ar", "48000",
            "-f", "hls", "-hls_time", "2", "-hls_segment_type", "fmp4", "-hls_playlist_type", "vod",
            "-hls_flags", "independent_segments",
            "-hls_fmp4_init_filename", "init-camera-low.mp4",
            "-hls_segment_filename", Path.Combine(output, "camera-low-%05d.m4s"),
            Path.Combine(output, "camera-low.m3u8"),
        ];
    }
}
