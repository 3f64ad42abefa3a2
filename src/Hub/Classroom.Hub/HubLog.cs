namespace Classroom.Hub;

/// <summary>Source-generated logs of the hub role.</summary>
internal static partial class HubLog
{
    [LoggerMessage(1, LogLevel.Warning, "Store batch of {Count} failed ({Reason}); retrying each operation alone")]
    public static partial void BatchRetried(ILogger logger, int count, string reason);

    [LoggerMessage(2, LogLevel.Error, "Store operation failed")]
    public static partial void StoreFailed(ILogger logger, Exception error);

    [LoggerMessage(3, LogLevel.Information, "{Subject} ({Role}) connected to lesson {LessonId}")]
    public static partial void Connected(ILogger logger, string subject, string role, string lessonId);

    [LoggerMessage(4, LogLevel.Information, "Connection refused for {Subject}: {Reason}")]
    public static partial void Refused(ILogger logger, string subject, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Broadcast {Method} to lesson {LessonId} failed: {Reason}; clients will be told to resync")]
    public static partial void BroadcastFailed(ILogger logger, string method, string lessonId, string reason);

    [LoggerMessage(6, LogLevel.Information, "Presence sweep closed {Count} interval(s)")]
    public static partial void PresenceSwept(ILogger logger, int count);

    [LoggerMessage(7, LogLevel.Warning, "Stage token for room {ClassroomId} in {LessonId} could not be issued: {Reason}")]
    public static partial void StageTokenFailed(ILogger logger, long classroomId, string lessonId, string reason);

    [LoggerMessage(8, LogLevel.Information, "Audit: {Subject} read {Report} ({Format})")]
    public static partial void ReportRead(ILogger logger, string subject, string report, string format);

    [LoggerMessage(9, LogLevel.Warning, "Hub call {Method} by {Subject} failed in the store")]
    public static partial void CallStoreFailed(ILogger logger, string method, string subject, Exception error);

    [LoggerMessage(10, LogLevel.Information, "Retention: erased {Count} absentee name(s) past the retention period")]
    public static partial void NamesErased(ILogger logger, int count);
}
