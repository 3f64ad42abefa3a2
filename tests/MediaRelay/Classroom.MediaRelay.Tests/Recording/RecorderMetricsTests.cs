using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Classroom.MediaRelay.Recording;
using Microsoft.Extensions.Logging.Abstractions;

namespace Classroom.MediaRelay.Tests.Recording;

/// <summary>
/// The meter "Classroom.MediaRelay.Recording" read with a MeterListener while a real lesson is
/// recorded: the active gauge counts it while open, a SIGKILLed ffmpeg is a restart tagged
/// studio/killed, "end lesson" records an end → playable time, and a low-bitrate job on a broken
/// source counts as queued and failed.
/// </summary>
[Collection(nameof(RecordingCollection))]
public sealed class RecorderMetricsTests
{
    [Fact]
    public async Task The_recorder_meter_reports_active_recordings_restarts_end_to_playable_and_low_rendition_jobs()
    {
        var measured = new ConcurrentQueue<(string Name, double Value, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RecorderMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        void Add(Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            measured.Enqueue((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        RecorderMetrics.Publish();
        listener.Start();
        double Active()
        {
            measured.Clear();
            listener.RecordObservableInstruments();
            return measured.Last(m => m.Name == "classroom.relay.recording.active").Value;
        }

        IEnumerable<(string Name, double Value, Dictionary<string, string?> Tags)> Of(string name) => measured.Where(m => m.Name == name);

        await using var harness = await RecordingHarness.StartAsync();
        var before = Active();
        var session = await harness.StudioConnectsAsync("H264");
        Assert.Equal(before + 1, Active());

        harness.StartSending("H264", 8);
        await Eventually.TrueAsync(() => HlsMediaPlaylist.ReadFile(Path.Combine(session.Folder, "run-1", "camera.m3u8")).Segments.Count >= 2,
            TimeSpan.FromSeconds(60), "run 1 wrote segments");
        var first = session.CurrentProcess!;
        Process.GetProcessById(first.Pid).Kill();
        await Eventually.TrueAsync(() => session.CurrentProcess is { } p && p.Pid != first.Pid, TimeSpan.FromSeconds(30), "run 2 starts");
        var restart = Assert.Single(Of("classroom.relay.recording.ffmpeg_restarts"));
        Assert.Equal((1.0, "studio", "killed"), (restart.Value, restart.Tags["source"], restart.Tags["reason"]));

        await harness.SenderDoneAsync();
        harness.EndLesson();
        await Eventually.TrueAsync(() => Of("classroom.relay.recording.end_to_playable").Any(), TimeSpan.FromSeconds(30), "end → playable is recorded");
        var toPlayable = Of("classroom.relay.recording.end_to_playable").Single().Value;
        Assert.InRange(toPlayable, 0.001, 60_000);
        Assert.Equal(before, Active());

        // A low-bitrate job whose source is broken: queued, then failed, with ffmpeg's reason in the manifest.
        var folder = Path.Combine(harness.Recorder.Root, "broken-20261206T000000-abcdef");
        RecorderContext.CreateFolder(folder);
        new RecordingManifest("broken-20261206T000000-abcdef", "broken", DateTimeOffset.UnixEpoch)
        {
            State = RecordingManifest.Finished,
            Low = new LowRendition(LowRendition.Pending, DateTimeOffset.UnixEpoch),
        }.Save(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "camera.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nmissing.m4s\n#EXT-X-ENDLIST\n");
        using var restarted = new LessonRecorder(new RecordingOptions(), harness.Recorder.Root, harness.Host.Runtime.Rooms, harness.Host.Runtime.Counters,
            TimeProvider.System, new MediaRelayLog(NullLogger<MediaRelayLog>.Instance));
        await restarted.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => RecordingManifest.Load(folder)?.Low?.State == LowRendition.Failed, TimeSpan.FromSeconds(60), "the broken job fails");
        await restarted.StopAsync(CancellationToken.None);
        var why = RecordingManifest.Load(folder)!.Low!.Error;
        Assert.StartsWith("ffmpeg exited (", why, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Recorder.Root, why, StringComparison.Ordinal); // no server path reaches the catalog
        Assert.Equal(1, Of("classroom.relay.recording.low_rendition.queued").Sum(m => m.Value));
        Assert.Equal(1, Of("classroom.relay.recording.low_rendition.failed").Sum(m => m.Value));
        Console.WriteLine($"metrics: end → playable {toPlayable:0} ms; low failure: {RecordingManifest.Load(folder)!.Low!.Error}");
    }
}
