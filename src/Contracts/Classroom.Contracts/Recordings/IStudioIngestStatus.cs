namespace Classroom.Contracts.Recordings;

/// <summary>Where hardware recording hosts push to: the relay's public RTMP and SRT ports (null: not listening).</summary>
public sealed record IngestPorts(int? RtmpPort, int? SrtPort);

/// <summary>
/// How the RTMP/SRT bridge stands for one studio, for its admins (<c>GET /api/studios/{id}/ingest</c>).
/// <paramref name="Listening"/>: the bridge runs in this server; <paramref name="Connected"/>: a host is
/// pushing now (protocol "rtmp" or "srt"); <paramref name="LessonId"/>: the lesson it feeds as the
/// studio producer; <paramref name="LastRefusal"/>: the last push refused for this studio's address
/// (wrong or rotated key, no lesson now) and <paramref name="LastExitReason"/>: why bridge ffmpeg last ended.
/// </summary>
public sealed record StudioIngestStatus(
    bool Listening,
    bool Connected,
    string? Protocol,
    string? LessonId,
    DateTimeOffset? ConnectedAt,
    long BytesIn,
    long PacketsOut,
    int FfmpegRuns,
    string? LastExitReason,
    DateTimeOffset? LastExitAt,
    string? LastRefusal,
    DateTimeOffset? LastRefusalAt);

/// <summary>The relay's RTMP/SRT bridge as the scheduler's studio endpoints see it (implemented by the relay role).</summary>
public interface IStudioIngestStatus
{
    IngestPorts Ports { get; }

    StudioIngestStatus StatusOf(long studioId);
}
