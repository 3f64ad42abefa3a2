using Microsoft.Extensions.Logging;

namespace Classroom.MediaRelay.Ingest;

/// <summary>The RTMP/SRT bridge's log messages (source-generated); never per packet.</summary>
internal sealed partial class IngestLog(ILogger<IngestLog> logger)
{
    [LoggerMessage(1, LogLevel.Information, "Ingest bridge listening: RTMP {Rtmp}, SRT {Srt}")]
    public partial void Listening(string rtmp, string srt);

    [LoggerMessage(2, LogLevel.Warning, "Ingest push from {Remote} refused: {Reason}")]
    public partial void Refused(string remote, string reason);

    [LoggerMessage(3, LogLevel.Information, "Studio {StudioId} pushing {Protocol} from {Remote} into lesson {LessonId}")]
    public partial void Connected(long studioId, string protocol, string remote, string? lessonId);

    [LoggerMessage(4, LogLevel.Information, "Studio {StudioId} stopped pushing: {Reason}")]
    public partial void Disconnected(long studioId, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Studio {StudioId} bridge ffmpeg run {Run} ended with {ExitCode}: {Reason}")]
    public partial void FfmpegExited(long studioId, int run, int exitCode, string? reason);

    [LoggerMessage(6, LogLevel.Information, "Studio {StudioId} now feeds lesson {LessonId}")]
    public partial void LessonChanged(long studioId, string? lessonId);
}
