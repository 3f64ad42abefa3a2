using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Solving;

/// <summary>
/// The pairing settings one alliance solves with: its own where set, else the server's
/// configuration (<see cref="SchedulerOptions"/>). See docs/scheduler.md "Alliance settings".
/// </summary>
/// <param name="MinOverlapShare">A room's period must cover this share of the lesson.</param>
/// <param name="RelayCapacityPerLesson">Member rooms one lesson may carry.</param>
/// <param name="UplinkSharePerStream">Share of each member school's link the lesson streams may fill together (1 = the whole link).</param>
/// <param name="RecordingRetentionDays">Days the alliance's lesson recordings are kept before the catalog deletes them.</param>
public sealed record AllianceSettings(double MinOverlapShare, int RelayCapacityPerLesson, double UplinkSharePerStream, int RecordingRetentionDays)
{
    public const int MaxRetentionDays = 3650;

    public const double MinShare = 0.05;
    public const int MaxRelayCapacity = 100_000;

    /// <summary>Before alliances had settings the whole link was planned for streams.</summary>
    public const double DefaultUplinkShare = 1.0;

    /// <summary>What an alliance inherits: the district's settings where set, else the server's configuration (retention: the server's).</summary>
    public static AllianceSettings Defaults(SchedulerOptions o, District? d = null) => new(
        d?.MinOverlapShare ?? o.MinOverlapShare,
        d?.RelayCapacityPerLesson ?? o.RelayCapacityPerLesson,
        d?.UplinkSharePerStream ?? DefaultUplinkShare,
        o.RecordingRetentionDays);

    /// <summary>The alliance's own where set, else the district's, else the server's.</summary>
    public static AllianceSettings Effective(Alliance a, SchedulerOptions o, District? d = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        var inherited = Defaults(o, d);
        return new(
            a.MinOverlapShare ?? inherited.MinOverlapShare,
            a.RelayCapacityPerLesson ?? inherited.RelayCapacityPerLesson,
            a.UplinkSharePerStream ?? inherited.UplinkSharePerStream,
            a.RecordingRetentionDays ?? inherited.RecordingRetentionDays);
    }

    public PairingSettings ToPairingSettings(TimeSpan timeLimit) => new(MinOverlapShare, RelayCapacityPerLesson, timeLimit);
}
