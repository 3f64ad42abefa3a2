using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Rooms;

namespace Classroom.MediaRelay.Recording;

/// <summary>What a recorder input carries: the studio's audio, its camera or its courseware (second video).</summary>
internal enum RecordedTrackRole
{
    Audio,
    Camera,
    Courseware,
}

/// <summary>
/// One track of a run's input: which studio track it is, the codec it arrives in (with the
/// payload type the recorder's sink writes) and the loopback port ffmpeg reads it on (RTCP on port + 1).
/// </summary>
internal sealed record RecordingTrack(RecordedTrackRole Role, SdpCodec Codec, int Port)
{
    public bool IsVideo => Role != RecordedTrackRole.Audio;

    /// <summary>True when the video is H.264 and can be copied into the segments as it is.</summary>
    public bool IsH264 => Codec.EncodingName.Equals("H264", StringComparison.OrdinalIgnoreCase);

    /// <summary>A producer's audio and camera (first video), each with a free port pair and the payload type the sink writes.</summary>
    public static List<RecordingTrack> AudioAndCamera(Producer producer)
    {
        var tracks = new List<RecordingTrack>();
        if (producer.Source is not { } source) return tracks;
        if (source.Tracks.FirstOrDefault(t => t.Kind == "audio") is { Codecs.Count: > 0 } audio)
            tracks.Add(new RecordingTrack(RecordedTrackRole.Audio, audio.Codecs[0] with { PayloadType = 111 }, RtpPorts.TakeFreePair()));
        if (source.Tracks.FirstOrDefault(t => t.Kind == "video" && t.VideoOrdinal == 0) is { Codecs.Count: > 0 } camera)
            tracks.Add(new RecordingTrack(RecordedTrackRole.Camera, camera.Codecs[0] with { PayloadType = 96 }, RtpPorts.TakeFreePair()));
        return tracks;
    }

    /// <summary>Writes the run's input.sdp into its folder and returns ffmpeg's arguments for it.</summary>
    public static IReadOnlyList<string> WriteRunInput(string recordingFolder, RecordingRun run, IReadOnlyList<RecordingTrack> tracks, string main, int segmentSeconds)
    {
        var runFolder = Path.Combine(recordingFolder, run.Folder);
        var sdp = Path.Combine(runFolder, "input.sdp");
        File.WriteAllText(sdp, RecordingSdp.Write(tracks));
        return RecordingArguments.For(runFolder, sdp, tracks, segmentSeconds, main);
    }
}
