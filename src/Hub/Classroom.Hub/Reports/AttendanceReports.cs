using System.Globalization;
using Classroom.Hub.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Reports;

/// <summary>Attendance from the hub's own store: roster snapshots × presence intervals × check-ins × absentee marks.</summary>
public sealed class AttendanceReports(IDbContextFactory<HubDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<AttendanceRow>> LessonAsync(long allianceId, string lessonId, CancellationToken ct) =>
        await BuildAsync(allianceId, q => q.Where(r => r.LessonId == lessonId), ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<AttendanceRow>> RangeAsync(long allianceId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        return await BuildAsync(allianceId, q => q.Where(r => r.StartsAtMs >= fromMs && r.StartsAtMs < toMs), ct).ConfigureAwait(false);
    }

    /// <summary>School × ISO week cells for the heat-map.</summary>
    public static IReadOnlyList<HeatmapCell> Heatmap(IEnumerable<AttendanceRow> rows) =>
        // By school id: a school renamed within the range is one row, under the name of its latest lesson.
        rows.GroupBy(r => (r.SchoolId, Week: IsoWeek(r.StartsAt)))
            .Select(g => new HeatmapCell(g.Key.SchoolId, g.MaxBy(r => r.StartsAt)!.SchoolName, g.Key.Week, g.Count(),
                g.Count(r => r.FirstJoinedAt is not null), g.Sum(r => r.Present ?? 0), g.Where(r => r.Present is not null).Sum(r => r.Expected),
                Math.Round(g.Sum(r => r.MinutesConnected), 1)))
            .OrderBy(c => c.SchoolId).ThenBy(c => c.Week, StringComparer.Ordinal)
            .ToList();

    private static string IsoWeek(DateTimeOffset at)
    {
        // Weeks are China school weeks: take the date in Asia/Shanghai (UTC+8, no DST).
        return HeatmapTable.WeekName(at.ToOffset(TimeSpan.FromHours(8)).DateTime);
    }

    /// <summary>
    /// Replay minutes of the room's absentees: a view counts for an absentee when it was made by a
    /// student of that class whose account name equals the marked name (trimmed, exact) — names
    /// are compared after decryption, as everywhere in the hub (docs/replay.md).
    /// </summary>
    private static List<MakeUpViewing> MakeUp(List<Store.Records.RecordingViewRecord> views, Store.Records.LessonRoomSnapshot room, List<string> absent) =>
        absent.Select(name => new MakeUpViewing(name, Math.Round(views
                .Where(v => v.LessonId == room.LessonId && v.ClassroomId == room.ClassroomId && string.Equals(v.StudentName.Trim(), name.Trim(), StringComparison.Ordinal))
                .Sum(v => v.WatchedMs) / 60_000.0, 1)))
            .Where(m => m.Minutes > 0).ToList();

    private async Task<IReadOnlyList<AttendanceRow>> BuildAsync(long allianceId,
        Func<IQueryable<Store.Records.LessonRoomSnapshot>, IQueryable<Store.Records.LessonRoomSnapshot>> filter, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rooms = await filter(db.LessonRooms.AsNoTracking().Where(r => r.AllianceId == allianceId)).ToListAsync(ct).ConfigureAwait(false);
        var lessonIds = rooms.Select(r => r.LessonId).Distinct().ToList();
        var presence = await db.Presence.AsNoTracking().Where(p => lessonIds.Contains(p.LessonId) && p.ClassroomId != null).ToListAsync(ct).ConfigureAwait(false);
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => lessonIds.Contains(c.LessonId)).ToListAsync(ct).ConfigureAwait(false);
        var absentees = await db.Absentees.AsNoTracking().Where(a => lessonIds.Contains(a.LessonId)).ToListAsync(ct).ConfigureAwait(false);
        var views = await db.RecordingViews.AsNoTracking().Where(v => lessonIds.Contains(v.LessonId) && v.ClassroomId != null && v.StudentName != "")
            .ToListAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return rooms.OrderBy(r => r.StartsAtMs).ThenBy(r => r.SchoolId).ThenBy(r => r.ClassroomId).Select(r =>
        {
            var intervals = presence.Where(p => p.LessonId == r.LessonId && p.ClassroomId == r.ClassroomId).ToList();
            var latest = checkIns.Where(c => c.LessonId == r.LessonId && c.ClassroomId == r.ClassroomId).MaxBy(c => c.ReceivedAtMs);
            var absent = absentees.Where(a => a.LessonId == r.LessonId && a.ClassroomId == r.ClassroomId)
                .GroupBy(a => a.StudentName, StringComparer.Ordinal).Select(g => g.MaxBy(a => a.ReceivedAtMs)!)
                .Where(a => a.Absent).Select(a => a.StudentName).Order(StringComparer.Ordinal).ToList();
            return new AttendanceRow(r.LessonId, r.Subject, DateTimeOffset.FromUnixTimeMilliseconds(r.StartsAtMs), r.SchoolId, r.SchoolName,
                r.ClassroomId, r.ClassroomName, r.ExpectedHeadcount, latest?.Present,
                intervals.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(intervals.Min(p => p.StartedAtMs)),
                Math.Round(intervals.Sum(p => p.EffectiveEndMs(now) - p.StartedAtMs) / 60_000.0, 1),
                intervals.Sum(p => p.Drops), absent, MakeUp(views, r, absent));
        }).ToList();
    }
}
