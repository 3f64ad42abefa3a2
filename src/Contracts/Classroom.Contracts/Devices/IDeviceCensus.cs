namespace Classroom.Contracts.Devices;

/// <summary>A school's enrolled devices (classroom PCs and studio encoders, not revoked) and how many of them were last seen at or after a time.</summary>
public sealed record SchoolDeviceCount(long SchoolId, int Enrolled, int SeenSince);

/// <summary>
/// Counts of enrolled devices per school, read by the scheduler's usage-per-school report. The
/// identity store keeps only each device's last-seen time, so "seen" means "last seen at or after".
/// </summary>
public interface IDeviceCensus
{
    Task<IReadOnlyList<SchoolDeviceCount>> CountAsync(IReadOnlyCollection<long> schoolIds, DateTimeOffset seenSince, CancellationToken cancellationToken);
}
