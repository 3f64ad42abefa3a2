using Classroom.MediaRelay.Protocols.Sdp;

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
}
