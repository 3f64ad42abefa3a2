using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Reports;

/// <summary>What became of one planned (lesson occurrence, room) pairing; the rule is in docs/scheduler.md "Planned vs delivered".</summary>
public static class DeliveryStatus
{
    public const string Delivered = "delivered";
    public const string Partial = "partial";
    public const string Missed = "missed";
    public const string NotHeld = "not_held";
    public const string Upcoming = "upcoming";
    public const string Unknown = "unknown";

    /// <summary>A room connected for at least this share of the lesson's length counts as delivered.</summary>
    public const double DeliveredShare = 0.5;
}

/// <summary>One planned pairing and what was delivered of it.</summary>
public sealed record PlannedDeliveredRow(
    string LessonId, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt, long AllianceId,
    string Subject, int Grade, string LeadSchoolName, string TeacherName,
    long SchoolId, string SchoolName, long ClassroomId, string ClassroomName,
    string Status, double MinutesConnected, double LessonMinutes, int? Headcount, int Expected);

/// <summary>A member school's totals: planned pairings and how many of them were delivered.</summary>
public sealed record PlannedDeliveredSchool(
    long SchoolId, string SchoolName, long AllianceId, int Planned, int Delivered, int Partial, int Missed, int NotHeld, int Upcoming,
    double MinutesConnected, double? DeliveredRate);

/// <summary>The report: per school and per pairing; <see cref="DeliveriesKnown"/> is false when no hub shares the process.</summary>
public sealed record PlannedDeliveredReport(DateOnly From, DateOnly To, bool DeliveriesKnown,
    IReadOnlyList<PlannedDeliveredSchool> Schools, IReadOnlyList<PlannedDeliveredRow> Rows);

/// <summary>
/// Planned vs delivered (课时计划的监控与落实): the stored pairings of a date range (the plan the
/// alliance works to) against the hub's record of what ran (<see cref="ILessonDeliveries"/>).
/// </summary>
public sealed class PlannedDelivered(SchedulerDbContext db, TimeProvider clock, ILessonDeliveries? deliveries = null)
{
    /// <param name="allianceId">One alliance, or null for every alliance of the county.</param>
    public async Task<PlannedDeliveredReport> BuildAsync(long? allianceId, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var planned = await PlannedPairings.LoadAsync(db, allianceId, first, last, ct).ConfigureAwait(false);

        var report = deliveries is null ? null
            : await deliveries.ForLessonsAsync(planned.Select(p => p.LessonId).ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        var rooms = report?.Rooms.ToDictionary(r => (r.LessonId, r.ClassroomId)) ?? [];
        var now = clock.GetUtcNow();

        var rows = planned.Select(p =>
        {
            var (starts, ends) = (p.StartsAt, p.EndsAt);
            var length = Math.Max((ends - starts).TotalMinutes, 1);
            rooms.TryGetValue((p.LessonId, p.ClassroomId), out var room);
            var status = report is null ? DeliveryStatus.Unknown
                : ends > now ? DeliveryStatus.Upcoming
                : !report.LessonsHeld.Contains(p.LessonId) ? DeliveryStatus.NotHeld
                : room is null ? DeliveryStatus.Missed
                : room.MinutesConnected >= length * DeliveryStatus.DeliveredShare ? DeliveryStatus.Delivered
                : DeliveryStatus.Partial;
            return new PlannedDeliveredRow(p.LessonId, p.Date, starts, ends, p.AllianceId, p.Subject, p.Grade, p.LeadSchool, p.Teacher,
                p.SchoolId, p.School, p.ClassroomId, p.Classroom, status, room?.MinutesConnected ?? 0, Math.Round(length, 1), room?.Headcount, p.Expected);
        }).OrderBy(r => r.StartsAt).ThenBy(r => r.SchoolId).ThenBy(r => r.ClassroomId).ToList();

        var schools = rows.GroupBy(r => (r.SchoolId, r.SchoolName, r.AllianceId)).Select(g =>
        {
            int Count(string status) => g.Count(r => r.Status == status);
            var due = g.Count(r => r.Status is not DeliveryStatus.Upcoming and not DeliveryStatus.Unknown);
            return new PlannedDeliveredSchool(g.Key.SchoolId, g.Key.SchoolName, g.Key.AllianceId, g.Count(), Count(DeliveryStatus.Delivered),
                Count(DeliveryStatus.Partial), Count(DeliveryStatus.Missed), Count(DeliveryStatus.NotHeld), Count(DeliveryStatus.Upcoming),
                Math.Round(g.Sum(r => r.MinutesConnected), 1), due == 0 ? null : Math.Round((double)Count(DeliveryStatus.Delivered) / due, 3));
        }).OrderBy(s => s.AllianceId).ThenBy(s => s.SchoolId).ToList();

        return new PlannedDeliveredReport(first, last, report is not null, schools, rows);
    }

    /// <summary>The export table (header + one row per pairing), shared by the CSV and xlsx exports; times in the given zone.</summary>
    public static IEnumerable<IReadOnlyList<string?>> ExportRows(PlannedDeliveredReport report, TimeZoneInfo zone)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        yield return ["日期 date", "开始 start", "学科 subject", "年级 grade", "主讲学校 lead school", "主讲教师 teacher", "课次 lesson",
            "学校 school", "班级 class", "状态 status", "在线分钟 minutes connected", "课时分钟 lesson minutes", "到课人数 headcount", "应到 expected"];
        foreach (var r in report.Rows)
        {
            yield return [r.Date.ToString("yyyy-MM-dd", inv), TimeZoneInfo.ConvertTime(r.StartsAt, zone).ToString("HH:mm", inv), r.Subject,
                r.Grade.ToString(inv), r.LeadSchoolName, r.TeacherName, r.LessonId, r.SchoolName, r.ClassroomName, StatusText(r.Status),
                r.MinutesConnected.ToString(inv), r.LessonMinutes.ToString(inv), r.Headcount?.ToString(inv), r.Expected.ToString(inv)];
        }
    }

    /// <summary>Both languages in one cell, like the export's headers (the file is read by staff of either).</summary>
    private static string StatusText(string status) => status switch
    {
        DeliveryStatus.Delivered => "已落实 delivered",
        DeliveryStatus.Partial => "部分在线 partial",
        DeliveryStatus.Missed => "未接入 missed",
        DeliveryStatus.NotHeld => "未开课 not held",
        DeliveryStatus.Upcoming => "未到时间 upcoming",
        _ => "未知 unknown",
    };
}
