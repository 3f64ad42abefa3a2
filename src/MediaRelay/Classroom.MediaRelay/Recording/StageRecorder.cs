using System.Globalization;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Rooms;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// One stage turn of a room whose school consented to recording (docs/recording.md "Rooms on
/// stage"): while the room is on stage, a supervised ffmpeg of its own (a <see cref="RecorderRun"/>)
/// writes the room's camera and its own audio as the <c>stage</c> rendition into run folders of
/// the lesson's recording. Each turn (and each restart of its ffmpeg) is a run, so the composed
/// <c>stage.m3u8</c> is the turns one after another with a discontinuity between them. A room
/// without consent never gets one: no consumer, no ffmpeg, no file.
/// </summary>
internal sealed class StageRecorder : IRecorderRunHost
{
    private readonly IStageRuns _runs;
    private readonly Router _router;
    private readonly RecorderRun _run;

    public StageRecorder(RecorderContext context, IStageRuns runs, Router router, Producer producer)
    {
        _runs = runs;
        _router = router;
        Producer = producer;
        _run = new RecorderRun(context, this);
    }

    public string ProducerId => Producer.Id;

    public Producer Producer { get; }

    /// <summary>Plain RTP consumers feeding the current run (tests).</summary>
    internal int SinkCount => _run.SinkCount;

    internal Ffmpeg.FfmpegProcess? CurrentProcess => _run.CurrentProcess;

    /// <summary>The classroom of a "stage:{classroom}" producer id.</summary>
    public static long? ClassroomOf(string producerId) =>
        producerId.StartsWith(ProducerIds.StagePrefix, StringComparison.Ordinal)
        && long.TryParse(producerId.AsSpan(ProducerIds.StagePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public void Start() => _run.Start(_router, Producer);

    /// <summary>The room left the stage (or the lesson ends): ffmpeg closes its last segment, the run ends.</summary>
    public Task StopAsync(string why) => _run.StopAsync(why);

    /// <summary>A crash: ffmpeg killed, nothing closed (tests of recovery).</summary>
    public Task AbandonAsync() => _run.AbandonAsync();

    /// <summary>Once a second: an unlimited loopback for the layer selectors, and key frames for copied H.264 (as for the studio).</summary>
    public void Tick() => _run.Tick();

    string IRecorderRunHost.RecordingId => _runs.RecordingId;

    string IRecorderRunHost.Kind => "stage";

    /// <summary>The room's audio and camera (a room on stage sends no courseware).</summary>
    IReadOnlyList<RecordingTrack> IRecorderRunHost.TracksOf(Producer producer) => RecordingTrack.AudioAndCamera(producer);

    (RecordingRun Run, IReadOnlyList<string> Arguments) IRecorderRunHost.OpenRun(Producer producer, IReadOnlyList<RecordingTrack> tracks)
    {
        var run = _runs.AddRun([RecordingArguments.Stage], producer.Id);
        return (run, RecordingTrack.WriteRunInput(_runs.Folder, run, tracks, RecordingArguments.Stage, _runs.SegmentSeconds));
    }

    void IRecorderRunHost.EndRun(int number, string why) => _runs.EndRun(number, why);

    ConsumerPlan IRecorderRunHost.PlanFor(Producer producer, RecordingTrack track, NegotiatedTrack negotiated)
    {
        var selector = new ProducerSelector(producer.Id);
        return track.IsVideo ? new ConsumerPlan(selector, null, negotiated, null) : new ConsumerPlan(selector, negotiated, null, null);
    }
}

/// <summary>What a <see cref="StageRecorder"/> needs of its recording: the folder and the manifest's runs.</summary>
internal interface IStageRuns
{
    string RecordingId { get; }

    string Folder { get; }

    int SegmentSeconds { get; }

    /// <summary>Adds run N+1 (its folder made) for <paramref name="producer"/> to the manifest and saves it.</summary>
    RecordingRun AddRun(IReadOnlyList<string> renditions, string? producer);

    /// <summary>Marks a run ended (if it was not) and saves the manifest.</summary>
    void EndRun(int number, string why);
}
