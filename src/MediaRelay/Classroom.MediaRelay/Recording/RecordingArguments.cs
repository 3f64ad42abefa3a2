using System.Globalization;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// The argument list of one recorder run (never one string: docs/recording.md "Driving
/// ffmpeg"): plain RTP in through the run's SDP file; per rendition an HLS output with fMP4
/// segments of about <c>segmentSeconds</c> into the run's folder, each with its own init
/// section and event playlist. H.264 is copied (segments then start at the studio's key
/// frames, which the recorder asks for); VP8 is transcoded to H.264 with a key frame every
/// segment; Opus becomes AAC.
/// </summary>
internal static class RecordingArguments
{
    public const string Camera = "camera";
    public const string Courseware = "courseware";

    /// <summary>What the recorder asks for its RTP sockets' receive buffer (4 MiB: ~30 s of a 1 Mbit/s camera).</summary>
    public const int ReceiveBufferBytes = 4 * 1024 * 1024;

    /// <summary>A consenting room on stage: its camera and its own audio, one run per stage turn.</summary>
    public const string Stage = "stage";

    /// <summary>The renditions a run with these tracks writes.</summary>
    /// <param name="main">The rendition of camera + audio: <see cref="Camera"/> for the studio, <see cref="Stage"/> for a room on stage.</param>
    public static IReadOnlyList<string> Renditions(IReadOnlyList<RecordingTrack> tracks, string main = Camera)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var renditions = new List<string>();
        if (tracks.Any(t => t.Role is RecordedTrackRole.Camera or RecordedTrackRole.Audio)) renditions.Add(main);
        if (tracks.Any(t => t.Role == RecordedTrackRole.Courseware)) renditions.Add(Courseware);
        return renditions;
    }

    public static IReadOnlyList<string> For(string runFolder, string sdpFile, IReadOnlyList<RecordingTrack> tracks, int segmentSeconds, string main = Camera)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var args = new List<string>
        {
            "-hide_banner", "-nostats", "-loglevel", "warning", "-y",
            "-protocol_whitelist", "file,udp,rtp",
            // The RTP sockets' receive buffer: the relay's packets wait there while ffmpeg has no
            // core (a loaded machine); a packet the kernel drops here is never retransmitted and a
            // copied H.264 stream keeps a broken slice. The kernel caps it at net.core.rmem_max
            // (docs/recording.md "Socket buffers").
            "-buffer_size", ReceiveBufferBytes.ToString(CultureInfo.InvariantCulture),
            "-i", sdpFile,
        };
        var index = new Dictionary<RecordedTrackRole, int>();
        for (var i = 0; i < tracks.Count; i++) index[tracks[i].Role] = i;

        if (Renditions(tracks, main).Contains(main))
        {
            if (index.TryGetValue(RecordedTrackRole.Camera, out var camera)) AddVideo(args, camera, tracks[camera], segmentSeconds);
            if (index.TryGetValue(RecordedTrackRole.Audio, out var audio))
                args.AddRange(["-map", "0:" + audio.ToString(CultureInfo.InvariantCulture), "-c:a", "aac", "-b:a", "96k", "-ar", "48000"]);
            AddHls(args, runFolder, main, segmentSeconds);
        }

        if (index.TryGetValue(RecordedTrackRole.Courseware, out var courseware))
        {
            AddVideo(args, courseware, tracks[courseware], segmentSeconds);
            AddHls(args, runFolder, Courseware, segmentSeconds);
        }

        return args;
    }

    private static void AddVideo(List<string> args, int input, RecordingTrack track, int segmentSeconds)
    {
        args.AddRange(["-map", "0:" + input.ToString(CultureInfo.InvariantCulture)]);
        if (track.IsH264)
        {
            args.AddRange(["-c:v", "copy"]);
            return;
        }

        var seconds = segmentSeconds.ToString(CultureInfo.InvariantCulture);
        args.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-crf", "23",
            "-force_key_frames", "expr:gte(t,n_forced*" + seconds + ")"]);
    }

    private static void AddHls(List<string> args, string runFolder, string rendition, int segmentSeconds) =>
        args.AddRange([
            "-f", "hls",
            "-hls_time", segmentSeconds.ToString(CultureInfo.InvariantCulture),
            "-hls_segment_type", "fmp4",
            "-hls_playlist_type", "event",
            "-hls_flags", "temp_file+independent_segments",
            "-hls_fmp4_init_filename", "init-" + rendition + ".mp4",
            "-hls_segment_filename", Path.Combine(runFolder, rendition + "-%05d.m4s"),
            Path.Combine(runFolder, RecordingPlaylists.RunPlaylist(rendition)),
        ]);
}
