using System.Globalization;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Solving;

/// <summary>
/// The district's cross-alliance policy (docs/scheduler.md "District"): which alliances' lead
/// lessons each alliance's member rooms may take, and whether an alliance can still be solved on
/// its own (only when no policy reaches across its border, either way).
/// </summary>
public static class DistrictPolicy
{
    /// <summary>The other alliances whose lessons <paramref name="alliance"/>'s rooms may take; null when only its own.</summary>
    public static IReadOnlySet<long>? LessonAlliances(Alliance alliance, IReadOnlyCollection<long> allAlliances)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        var others = alliance.LessonSource switch
        {
            LessonSource.County => allAlliances.Where(id => id != alliance.Id).ToHashSet(),
            LessonSource.Listed => ParseIds(alliance.LessonSourceAlliances).Where(id => id != alliance.Id && allAlliances.Contains(id)).ToHashSet(),
            _ => [],
        };
        return others.Count == 0 ? null : others;
    }

    public static IEnumerable<long> ParseIds(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? []
            : stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).Distinct();

    public static string FormatIds(IEnumerable<long> ids) => string.Join(',', ids.Distinct().Order().Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The alliances an alliance's solve would cross into or be crossed from; empty when it can be solved alone.</summary>
    public static async Task<IReadOnlyList<long>> EntangledWithAsync(SchedulerDbContext db, long allianceId, CancellationToken ct)
    {
        var alliances = await db.Alliances.AsNoTracking().ToListAsync(ct);
        var ids = alliances.Select(a => a.Id).ToList();
        var entangled = new HashSet<long>();
        foreach (var a in alliances)
        {
            var reach = LessonAlliances(a, ids);
            if (reach is null) continue;
            if (a.Id == allianceId) entangled.UnionWith(reach);
            else if (reach.Contains(allianceId)) entangled.Add(a.Id);
        }

        return [.. entangled.Order()];
    }
}
