namespace Classroom.Hub.Recordings;

/// <summary>A rendition as the catalog keeps it (JSON in <c>RecordingRecord.RenditionsJson</c>): the recorder's description plus its state.</summary>
public sealed record StoredRendition(string Name, string Playlist, string? Codecs, int? Width, int? Height, long? Bandwidth, string State, string? Error);

public static class RenditionStates
{
    /// <summary>Playable (the playlist is there; while the lesson runs it is a live EVENT playlist).</summary>
    public const string Ready = "ready";

    /// <summary>Waiting to be made after the lesson (the low-bitrate copy).</summary>
    public const string Pending = "pending";

    /// <summary>Being made now (the recorder's transcode runs).</summary>
    public const string Encoding = "encoding";
    public const string Failed = "failed";
}
