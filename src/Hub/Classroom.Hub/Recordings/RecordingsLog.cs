namespace Classroom.Hub.Recordings;

/// <summary>Source-generated logs of the recordings catalog (ids and counts, never a name).</summary>
internal static partial class RecordingsLog
{
    [LoggerMessage(1101, LogLevel.Warning, "Roster of lesson {LessonId} unavailable for the recordings catalog: {Reason}; asked again later")]
    public static partial void RosterUnavailable(ILogger logger, string lessonId, string reason);

    [LoggerMessage(1102, LogLevel.Information, "Recording {RecordingId} of lesson {LessonId} {State}")]
    public static partial void Cataloged(ILogger logger, string recordingId, string lessonId, string state);

    [LoggerMessage(1103, LogLevel.Information, "Retention: deleted recording {RecordingId} ({Days} days)")]
    public static partial void RetentionDeleted(ILogger logger, string recordingId, int days);

    [LoggerMessage(1104, LogLevel.Error, "Recording retention failed")]
    public static partial void RetentionFailed(ILogger logger, Exception error);

    [LoggerMessage(1105, LogLevel.Warning, "Recording {RecordingId}: a call from the recorder after it was deleted is ignored")]
    public static partial void IgnoredDeleted(ILogger logger, string recordingId);
}
