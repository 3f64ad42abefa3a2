namespace Classroom.Hub.Store;

/// <summary>Log messages of the record store's retention and upgrade (counts only, never a name).</summary>
internal static partial class RetentionLog
{
    [LoggerMessage(911, LogLevel.Information, "Retention: deleted {Count} lesson record(s) past the record retention period")]
    public static partial void RecordsDeleted(ILogger logger, int count);

    [LoggerMessage(912, LogLevel.Information, "Encrypted {Count} absentee name(s) stored before names were encrypted")]
    public static partial void NamesEncrypted(ILogger logger, int count);
}
