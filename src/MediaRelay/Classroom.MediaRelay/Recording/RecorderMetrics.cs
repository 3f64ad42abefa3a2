using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// The recorder's own instruments (meter <c>Classroom.MediaRelay.Recording</c>, readable with
/// dotnet-counters or any OpenTelemetry exporter; docs/recording.md "Metrics"): recordings open
/// now, ffmpeg runs that ended without being asked (by reason), the time from "end lesson" to a
/// playable VOD, and the low-bitrate jobs queued, failed and how long they took.
/// </summary>
internal static class RecorderMetrics
{
    public const string MeterName = "Classroom.MediaRelay.Recording";

    private static readonly Meter Meter = new(MeterName);
    private static int _active;

    public static readonly ObservableGauge<int> ActiveRecordings = Meter.CreateObservableGauge(
        "classroom.relay.recording.active", () => Volatile.Read(ref _active), "{recording}", "Recordings open now (studio present or within its grace).");

    public static readonly Counter<long> FfmpegRestarts = Meter.CreateCounter<long>(
        "classroom.relay.recording.ffmpeg_restarts", "{restart}",
        "Recorder ffmpeg runs that ended without being asked and were restarted; tags: source (studio|stage), reason (killed|error|exited).");

    public static readonly Histogram<double> EndToPlayable = Meter.CreateHistogram<double>(
        "classroom.relay.recording.end_to_playable", "ms", "From the end of a lesson (or of the studio's grace) to a closed, playable VOD.");

    public static readonly Counter<long> LowRenditionQueued = Meter.CreateCounter<long>(
        "classroom.relay.recording.low_rendition.queued", "{job}", "Low-bitrate rendition jobs queued (after a lesson, or again after a stop or crash).");

    public static readonly Counter<long> LowRenditionFailed = Meter.CreateCounter<long>(
        "classroom.relay.recording.low_rendition.failed", "{job}", "Low-bitrate rendition jobs that failed (ffmpeg error, no segment).");

    public static readonly Histogram<double> LowRenditionDuration = Meter.CreateHistogram<double>(
        "classroom.relay.recording.low_rendition.duration", "s", "Time a successful low-bitrate transcode took.");

    /// <summary>Creates the instruments (static fields are made on first use): the relay's recorder calls it at start, so the gauge exists before the first lesson.</summary>
    public static void Publish() => GC.KeepAlive(ActiveRecordings);

    public static void RecordingOpened() => Interlocked.Increment(ref _active);

    public static void RecordingClosed() => Interlocked.Decrement(ref _active);

    /// <summary>A run that ended unasked: SIGKILL/SIGTERM (exit 128 + signal), another error, or a clean exit nobody asked for.</summary>
    public static void Restarted(string source, int exitCode)
    {
        var reason = exitCode switch
        {
            0 => "exited",
            137 or 143 or -9 or -15 => "killed",
            _ => "error",
        };
        FfmpegRestarts.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("reason", reason));
    }

    internal static double MillisecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
}
