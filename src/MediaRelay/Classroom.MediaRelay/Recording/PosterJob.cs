using Classroom.MediaRelay.Ffmpeg;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// The recording's poster: one frame about a second into the camera rendition, taken by a
/// one-shot ffmpeg from the recorder's own playlist once a few segments exist (no second output
/// on the live run: that would decode the copied H.264 for the whole lesson).
/// </summary>
internal static class PosterJob
{
    public const string FileName = "poster.jpg";

    /// <summary>Writes poster.jpg into <paramref name="folder"/>; true when it exists afterwards.</summary>
    public static async Task<bool> TakeAsync(string ffmpeg, string folder, TimeSpan limit)
    {
        var temporary = Path.Combine(folder, "poster.tmp.jpg");
        using var job = FfmpegProcess.Start(ffmpeg, [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-protocol_whitelist", "file", "-live_start_index", "0",
            "-i", Path.Combine(folder, RecordingArguments.Camera + ".m3u8"),
            "-ss", "1", "-frames:v", "1", "-q:v", "3", "-f", "image2", temporary,
        ]);
        var exited = await Task.WhenAny(job.Exited, Task.Delay(limit)).ConfigureAwait(false);
        if (exited != job.Exited) job.Kill();
        else if (await job.Exited.ConfigureAwait(false) == 0 && File.Exists(temporary))
        {
            File.Move(temporary, Path.Combine(folder, FileName), overwrite: true);
            return true;
        }

        return false;
    }
}
