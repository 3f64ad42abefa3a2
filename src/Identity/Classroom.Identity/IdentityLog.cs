namespace Classroom.Identity;

internal static partial class IdentityLog
{
    [LoggerMessage(1, LogLevel.Warning, "Audit rows could not be written (attempt {Attempt}); retrying")]
    public static partial void AuditRetry(ILogger logger, Exception e, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "Endpoint {Endpoint} has no access rule; refused")]
    public static partial void NoAccessRule(ILogger logger, string endpoint);

    [LoggerMessage(3, LogLevel.Information, "Signed in {Subject}")]
    public static partial void SignedIn(ILogger logger, string subject);

    [LoggerMessage(4, LogLevel.Warning, "Sign-in refused for a user name ({Reason})")]
    public static partial void SignInRefused(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Information, "Device {DeviceId} enrolled for school {SchoolId} by {Admin}")]
    public static partial void DeviceEnrolled(ILogger logger, long deviceId, long schoolId, string admin);

    [LoggerMessage(6, LogLevel.Information, "Device {DeviceId} revoked by {Admin}")]
    public static partial void DeviceRevoked(ILogger logger, long deviceId, string admin);

    [LoggerMessage(7, LogLevel.Information, "Audit retention deleted {Rows} rows older than {Days} days")]
    public static partial void AuditRetention(ILogger logger, int rows, int days);

    [LoggerMessage(8, LogLevel.Error, "Erasing person {PersonId} from another store failed; the account was not deleted")]
    public static partial void PersonErasureFailed(ILogger logger, long personId, Exception e);

    [LoggerMessage(9, LogLevel.Warning, "Grant changes could not be {Action} over Redis; other nodes catch up within the security-stamp interval")]
    public static partial void GrantRelayFailed(ILogger logger, string action, Exception e);

    [LoggerMessage(10, LogLevel.Information, "Grant changes are shared with the other identity nodes over Redis (node {Node})")]
    public static partial void GrantRelaySubscribed(ILogger logger, string node);
}
