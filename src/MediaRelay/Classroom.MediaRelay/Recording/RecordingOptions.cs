using System.ComponentModel.DataAnnotations;

namespace Classroom.MediaRelay.Recording;

/// <summary>Settings of the lesson recorder (configuration section "MediaRelay:Recording"; docs/recording.md).</summary>
public sealed class RecordingOptions
{
    public const string Section = "MediaRelay:Recording";

    /// <summary>Record every lesson's studio (a school may still turn a lesson off through the recording policy).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The ffmpeg executable (Debian's ffmpeg 5.1 or later).</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>
    /// Where recordings go; empty: "recordings" under the relay's data folder. Each recording is a
    /// folder {id}/ readable by the service only.
    /// </summary>
    public string Folder { get; set; } = "";

    /// <summary>Target HLS segment length; segments are cut at the next key frame after it.</summary>
    [Range(1, 6)]
    public int SegmentSeconds { get; set; } = 1;

    /// <summary>How often the recorder asks the studio for a key frame when its H.264 is copied (0: never).</summary>
    [Range(0, 30)]
    public double KeyframeIntervalSeconds { get; set; } = 2;

    /// <summary>How long a studio that was lost (not ended) may take to come back before its recording is closed.</summary>
    [Range(0, 24 * 60 * 60)]
    public int GraceSeconds { get; set; } = 600;

    /// <summary>How long ffmpeg may take to close its outputs after "q" before it is killed.</summary>
    [Range(1, 60)]
    public int StopSeconds { get; set; } = 5;

    /// <summary>Make a low-bitrate copy of the camera rendition after each lesson (<c>camera-low.m3u8</c>).</summary>
    public bool LowRendition { get; set; } = true;

    /// <summary>Lines of the low copy's picture (never more than the source's).</summary>
    [Range(144, 720)]
    public int LowRenditionHeight { get; set; } = 360;

    [Range(100, 2000)]
    public int LowRenditionVideoKbps { get; set; } = 350;

    [Range(32, 128)]
    public int LowRenditionAudioKbps { get; set; } = 64;
}
