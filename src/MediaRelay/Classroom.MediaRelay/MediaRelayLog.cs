using Microsoft.Extensions.Logging;

namespace Classroom.MediaRelay;

/// <summary>All relay log messages (source-generated). Never per packet: counters cover those.</summary>
internal sealed partial class MediaRelayLog(ILogger<MediaRelayLog> logger)
{
    [LoggerMessage(1, LogLevel.Information, "Media relay listening: UDP {Udp}, TCP {Tcp}, announcing {Announced}")]
    public partial void Listening(string udp, string tcp, string announced);

    [LoggerMessage(2, LogLevel.Information, "Session {SessionId} created: {Role} for lesson {LessonId} by {Subject}")]
    public partial void SessionCreated(string sessionId, string role, string lessonId, string subject);

    [LoggerMessage(3, LogLevel.Debug, "Session {SessionId} selected path {Path}")]
    public partial void PathSelected(string sessionId, string path);

    [LoggerMessage(4, LogLevel.Information, "Session {SessionId} connected: {Role} in lesson {LessonId}")]
    public partial void SessionConnected(string sessionId, string role, string lessonId);

    [LoggerMessage(5, LogLevel.Information, "Session {SessionId} closed: {Reason}")]
    public partial void SessionClosed(string sessionId, string reason);

    [LoggerMessage(6, LogLevel.Information, "Session {SessionId} restarted ICE (generation {Generation})")]
    public partial void IceRestarted(string sessionId, int generation);

    [LoggerMessage(11, LogLevel.Information, "Revocation closed {Count} sessions (subject {Subject}, token {TokenId}, lesson {LessonId}): {Reason}")]
    public partial void Revoked(int count, string subject, string tokenId, string lessonId, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Media relay {Protocol} port {Port} is taken; bound a free port instead (fix the firewall rule or the setting)")]
    public partial void PortTaken(string protocol, int port);

    [LoggerMessage(9, LogLevel.Information, "Media threads run real-time (SCHED_FIFO {Priority})")]
    public partial void MediaThreadsRealtime(int priority);

    [LoggerMessage(10, LogLevel.Warning, "Media threads could not get real-time priority {Priority} (needs LimitRTPRIO, CAP_SYS_NICE or root); forwarding waits behind other work on busy cores")]
    public partial void MediaThreadsNotRealtime(int priority);

    [LoggerMessage(12, LogLevel.Information, "Offer section {Index} ({Kind}, mid {Mid}) rejected for a {Role} in lesson {LessonId}: {Reason}")]
    public partial void SectionRejected(int index, string kind, string? mid, string role, string lessonId, string reason);

    [LoggerMessage(13, LogLevel.Information, "Offer refused for a {Role} in lesson {LessonId}: {Reason}")]
    public partial void OfferRefused(string role, string lessonId, string reason);

    [LoggerMessage(20, LogLevel.Information, "Recording {RecordingId} of lesson {LessonId} started in {Folder}")]
    public partial void RecordingStarted(string recordingId, string lessonId, string folder);

    [LoggerMessage(21, LogLevel.Information, "Recording {RecordingId} run {Run} started: {Tracks}")]
    public partial void RecordingRunStarted(string recordingId, int run, string tracks);

    [LoggerMessage(22, LogLevel.Warning, "Recording {RecordingId} run {Run} ended unexpectedly (exit {ExitCode}): {Reason}; a new run follows")]
    public partial void RecordingRunFailed(string recordingId, int run, int exitCode, string? reason);

    [LoggerMessage(23, LogLevel.Information, "Recording {RecordingId} finished: {Seconds:0.0} s, {Discontinuities} discontinuities, recovered {Recovered}")]
    public partial void RecordingFinished(string recordingId, double seconds, int discontinuities, bool recovered);

    [LoggerMessage(24, LogLevel.Information, "Lesson {LessonId} is not recorded: {Why}")]
    public partial void RecordingSkipped(string lessonId, string why);

    [LoggerMessage(25, LogLevel.Warning, "Recording {RecordingId}: {What} failed")]
    public partial void RecordingStepFailed(string recordingId, string what, Exception exception);

    [LoggerMessage(26, LogLevel.Information, "Recording {RecordingId}: the studio left ({End}); waiting up to {GraceSeconds} s for it to return")]
    public partial void RecordingStudioLost(string recordingId, string end, int graceSeconds);

    [LoggerMessage(27, LogLevel.Information, "Recording {RecordingId}: low-bitrate rendition {State} {Error}")]
    public partial void LowRenditionState(string recordingId, string state, string? error);
}
