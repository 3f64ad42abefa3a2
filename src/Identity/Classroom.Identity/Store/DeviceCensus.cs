using Classroom.Contracts.Devices;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Store;

/// <summary>
/// Enrolled devices per school for the usage-per-school report: not revoked, and of those how
/// many were last seen at or after a time (the store keeps the last-seen time only, updated at
/// most every <see cref="Auth.DeviceHandler.LastSeenPrecision"/>).
/// </summary>
public sealed class DeviceCensus(IDbContextFactory<AccountDbContext> contexts) : IDeviceCensus
{
    public async Task<IReadOnlyList<SchoolDeviceCount>> CountAsync(IReadOnlyCollection<long> schoolIds, DateTimeOffset seenSince, CancellationToken cancellationToken)
    {
        var since = seenSince.UtcTicks;
        var counts = new List<SchoolDeviceCount>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in schoolIds.Distinct().Chunk(500))
        {
            counts.AddRange(await db.Devices.AsNoTracking().Where(d => chunk.Contains(d.SchoolId) && d.RevokedUtcTicks == null)
                .GroupBy(d => d.SchoolId)
                .Select(g => new SchoolDeviceCount(g.Key, g.Count(), g.Count(d => d.LastSeenUtcTicks != null && d.LastSeenUtcTicks >= since)))
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return counts;
    }
}
