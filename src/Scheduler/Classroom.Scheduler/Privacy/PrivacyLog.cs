using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler.Privacy;

/// <summary>Log messages of the scheduler's personal-data handling (never a name, never key material).</summary>
internal static partial class PrivacyLog
{
    [LoggerMessage(901, LogLevel.Information, "Retention removed {Entries} roster entries not written since {Cutoff}")]
    public static partial void RosterRetentionRan(ILogger logger, int entries, DateOnly cutoff);

    [LoggerMessage(902, LogLevel.Information, "Upgraded the roster store: {Added} column added, {Encrypted} names encrypted that were stored before encryption")]
    public static partial void RosterStoreUpgraded(ILogger logger, int added, int encrypted);
}
