namespace Classroom.LoadTool.Stream;

/// <summary>
/// The synthetic studio stream's sizes: Opus-shaped audio (20 ms frames of a fixed size) and
/// VP8-shaped video at <see cref="Fps"/> whose GOP starts with a keyframe
/// <see cref="KeyframeFactor"/> times a delta frame, so the total matches the bitrate.
/// </summary>
public sealed record StreamShape(long BitsPerSecond, TimeSpan Gop, int Fps = 30, int AudioPayloadBytes = 120, int KeyframeFactor = 10, int MaxPayloadBytes = 1100)
{
    public const int AudioFrameMillis = 20;

    /// <summary>WebRTC's default pacing multiplier (Chromium: pacing rate = 2.5 × the target bitrate).</summary>
    public const double DefaultPacingFactor = 2.5;

    /// <summary>
    /// Video packets leave at <see cref="PacingFactor"/> × <see cref="BitsPerSecond"/> instead of a
    /// frame at a time, as a browser's pacer sends them; 0: each frame as one burst.
    /// </summary>
    public double PacingFactor { get; init; } = DefaultPacingFactor;

    /// <summary>The pacer's rate in bytes per second; 0 when pacing is off.</summary>
    public double PacingBytesPerSecond => PacingFactor > 0 ? PacingFactor * BitsPerSecond / 8.0 : 0;

    public long AudioBitsPerSecond => AudioPayloadBytes * 8L * (1000 / AudioFrameMillis);

    public int FramesPerGop => Math.Max(1, (int)Math.Round(Gop.TotalSeconds * Fps));

    /// <summary>Bytes of one delta frame: a GOP of (frames − 1) deltas and one keyframe carries the video share.</summary>
    public int DeltaFrameBytes
    {
        get
        {
            var videoBytesPerGop = Math.Max(0, BitsPerSecond - AudioBitsPerSecond) / 8.0 * Gop.TotalSeconds;
            var bytes = videoBytesPerGop / (FramesPerGop - 1 + KeyframeFactor);
            return Math.Max(MinimumPayload, (int)bytes);
        }
    }

    public int KeyframeBytes => DeltaFrameBytes * KeyframeFactor;

    /// <summary>Room for the VP8 header and the send stamp in one packet.</summary>
    public static int MinimumPayload => Vp8Payload.DescriptorLength + Vp8Payload.KeyHeaderLength + SendStamp.Length;
}
