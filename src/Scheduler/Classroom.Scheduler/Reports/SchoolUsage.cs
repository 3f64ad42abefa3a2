using System.Globalization;
using Classroom.Contracts.Devices;
using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Reports;

/// <summary>
/// One school's use of the platform over a range of days (docs/admin-reports.md "Usage per school").
/// Lessons taught and teaching minutes count the lessons the school leads; room-lessons, minutes,
/// headcount, questions and hands count its classrooms' rooms in the range's lessons; replays
/// count its students' views of those lessons' recordings; devices are the identity store's.
/// </summary>
public sealed record SchoolUsageRow(
    long SchoolId, string SchoolName, long AllianceId, string AllianceName, bool IsLead,
    int LessonsPlanned, int LessonsTaught, double TeachingMinutes,
    int RoomLessonsPlanned, int RoomLessonsJoined, double MinutesConnected, double? AverageHeadcount,
    int Questions, int HandsRaised, int ReplayViews, double ReplayMinutes,
    int? DevicesEnrolled, int? DevicesSeen);

/// <summary>The sums over every school of the report; <see cref="ActiveSchools"/> taught or joined at least one lesson.</summary>
public sealed record SchoolUsageTotals(
    int Schools, int ActiveSchools, int LessonsPlanned, int LessonsTaught, double TeachingMinutes,
    int RoomLessonsPlanned, int RoomLessonsJoined, double MinutesConnected, double? AverageHeadcount,
    int Questions, int HandsRaised, int ReplayViews, double ReplayMinutes, int? DevicesEnrolled, int? DevicesSeen);

/// <summary>
/// The report. <see cref="UsageKnown"/> is false when no hub shares the process (only the plan is
/// known), <see cref="DevicesKnown"/> when no identity role does; <see cref="DevicesSeenSince"/> is
/// the start of the range's first day.
/// </summary>
public sealed record SchoolUsageReport(DateOnly From, DateOnly To, bool UsageKnown, bool DevicesKnown, DateTimeOffset DevicesSeenSince,
    IReadOnlyList<SchoolUsageRow> Schools, SchoolUsageTotals Totals);

/// <summary>Builds the usage-per-school report from the scheduler's plan, the hub's record (<see cref="ILessonUsage"/>) and the device census.</summary>
public sealed class SchoolUsage(SchedulerDbContext db, ILessonUsage? usage = null, IDeviceCensus? devices = null)
{
    /// <param name="allianceId">One alliance, or null for every alliance of the county.</param>
    /// <param name="zone">The zone whose midnight starts the first day (for "devices seen").</param>
    public async Task<SchoolUsageReport> BuildAsync(long? allianceId, DateOnly first, DateOnly last, TimeZoneInfo zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var schools = await (from s in db.Schools.AsNoTracking()
                             where allianceId == null || s.AllianceId == allianceId
                             join a in db.Alliances.AsNoTracking() on s.AllianceId equals a.Id
                             select new { s.Id, s.Name, s.AllianceId, Alliance = a.Name, s.IsLead }).ToListAsync(ct).ConfigureAwait(false);
        var schoolIds = schools.Select(s => s.Id).ToList();
        var classrooms = await db.Classrooms.AsNoTracking().Where(c => schoolIds.Contains(c.SchoolId))
            .Select(c => new { c.Id, c.SchoolId }).ToDictionaryAsync(c => c.Id, c => c.SchoolId, ct).ConfigureAwait(false);

        // The plan: each stored pairing is a (lesson occurrence, room); the lesson's lead school teaches it.
        var pairings = await (from p in db.Pairings.AsNoTracking()
                              where p.Date >= first && p.Date <= last && (allianceId == null || p.AllianceId == allianceId)
                              join l in db.LeadLessons.AsNoTracking() on p.LeadLessonId equals l.Id
                              select new { p.LessonId, p.ClassroomId, p.SchoolId, LeadSchoolId = l.SchoolId }).ToListAsync(ct).ConfigureAwait(false);
        pairings = [.. pairings.DistinctBy(p => (p.LessonId, p.ClassroomId))];
        var leadOf = pairings.GroupBy(p => p.LessonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().LeadSchoolId, StringComparer.Ordinal);

        var hub = usage is null ? null : await usage.ForLessonsAsync(leadOf.Keys, ct).ConfigureAwait(false);
        var seenSince = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue)));
        var census = devices is null ? null
            : (await devices.CountAsync(schoolIds, seenSince, ct).ConfigureAwait(false)).ToDictionary(d => d.SchoolId);

        var taught = (hub?.Lessons ?? []).Where(l => leadOf.ContainsKey(l.LessonId)).ToLookup(l => leadOf[l.LessonId]);
        var rooms = (hub?.Rooms ?? []).Where(r => classrooms.ContainsKey(r.ClassroomId)).ToLookup(r => classrooms[r.ClassroomId]);
        var replays = (hub?.Replays ?? []).Where(r => classrooms.ContainsKey(r.ClassroomId)).ToLookup(r => classrooms[r.ClassroomId]);
        var plannedLessons = leadOf.GroupBy(l => l.Value).ToDictionary(g => g.Key, g => g.Count());
        var plannedRooms = pairings.GroupBy(p => p.SchoolId).ToDictionary(g => g.Key, g => g.Count());

        var rows = schools.OrderBy(s => s.AllianceId).ThenBy(s => s.Id).Select(s =>
        {
            var joined = rooms[s.Id].Where(r => r.Joined).ToList();
            var counted = joined.Where(r => r.Headcount is not null).ToList();
            var device = census is null ? null : census.GetValueOrDefault(s.Id) ?? new SchoolDeviceCount(s.Id, 0, 0);
            return new SchoolUsageRow(s.Id, s.Name, s.AllianceId, s.Alliance, s.IsLead,
                plannedLessons.GetValueOrDefault(s.Id), taught[s.Id].Count(), Math.Round(taught[s.Id].Sum(l => l.TeacherMinutes), 1),
                plannedRooms.GetValueOrDefault(s.Id), joined.Count, Math.Round(rooms[s.Id].Sum(r => r.MinutesConnected), 1),
                counted.Count == 0 ? null : Math.Round(counted.Average(r => r.Headcount!.Value), 1),
                rooms[s.Id].Sum(r => r.Questions), rooms[s.Id].Sum(r => r.HandsRaised),
                replays[s.Id].Sum(r => r.Views), Math.Round(replays[s.Id].Sum(r => r.MinutesWatched), 1),
                device?.Enrolled, device?.SeenSince);
        }).ToList();

        var allCounted = rooms.SelectMany(g => g).Where(r => r.Joined && r.Headcount is not null).ToList();
        var totals = new SchoolUsageTotals(rows.Count, rows.Count(r => r.LessonsTaught > 0 || r.RoomLessonsJoined > 0),
            rows.Sum(r => r.LessonsPlanned), rows.Sum(r => r.LessonsTaught), Math.Round(rows.Sum(r => r.TeachingMinutes), 1),
            rows.Sum(r => r.RoomLessonsPlanned), rows.Sum(r => r.RoomLessonsJoined), Math.Round(rows.Sum(r => r.MinutesConnected), 1),
            allCounted.Count == 0 ? null : Math.Round(allCounted.Average(r => r.Headcount!.Value), 1),
            rows.Sum(r => r.Questions), rows.Sum(r => r.HandsRaised), rows.Sum(r => r.ReplayViews), Math.Round(rows.Sum(r => r.ReplayMinutes), 1),
            census is null ? null : rows.Sum(r => r.DevicesEnrolled ?? 0), census is null ? null : rows.Sum(r => r.DevicesSeen ?? 0));
        return new SchoolUsageReport(first, last, hub is not null, census is not null, seenSince, rows, totals);
    }

    /// <summary>The export table: a bilingual header, one row per school, then the totals.</summary>
    public static IEnumerable<IReadOnlyList<string?>> ExportRows(SchoolUsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString(inv);
        string? O(double? v) => v?.ToString(inv);
        string? I(int? v) => v?.ToString(inv);
        yield return ["联盟 alliance", "学校 school", "主讲学校 lead school", "计划主讲课次 lessons planned", "主讲课次 lessons taught", "主讲分钟 teaching minutes",
            "计划接入课次 room-lessons planned", "接入课次 room-lessons joined", "在线分钟 minutes connected", "平均到课人数 average headcount",
            "提问 questions", "举手 hands raised", "回放观看 replay views", "回放分钟 replay minutes", "已注册设备 devices enrolled", "近期在线设备 devices seen"];
        foreach (var r in report.Schools)
        {
            yield return [r.AllianceName, r.SchoolName, r.IsLead ? "是 yes" : "否 no", I(r.LessonsPlanned), I(r.LessonsTaught), N(r.TeachingMinutes),
                I(r.RoomLessonsPlanned), I(r.RoomLessonsJoined), N(r.MinutesConnected), O(r.AverageHeadcount),
                I(r.Questions), I(r.HandsRaised), I(r.ReplayViews), N(r.ReplayMinutes), I(r.DevicesEnrolled), I(r.DevicesSeen)];
        }

        var t = report.Totals;
        yield return ["合计 total", $"{t.Schools} 所学校 schools（{t.ActiveSchools} 所使用 active）", "", I(t.LessonsPlanned), I(t.LessonsTaught), N(t.TeachingMinutes),
            I(t.RoomLessonsPlanned), I(t.RoomLessonsJoined), N(t.MinutesConnected), O(t.AverageHeadcount),
            I(t.Questions), I(t.HandsRaised), I(t.ReplayViews), N(t.ReplayMinutes), I(t.DevicesEnrolled), I(t.DevicesSeen)];
    }
}
