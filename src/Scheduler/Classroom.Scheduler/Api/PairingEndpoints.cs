using Classroom.Contracts.Access;
using System.Globalization;
using System.Text;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Import;
using Classroom.Scheduler.Solving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>Run the pairing solver and read its pairings and explanations.</summary>
public static class PairingEndpoints
{
    public const int MaxRangeDays = 31;

    public static RouteGroupBuilder MapPairings(this RouteGroupBuilder api)
    {
        api.MapPost("/alliances/{id:long}/solve", async (long id, SolveRequest? r, SchedulerDbContext db, SchedulingService scheduling, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, r?.From, r?.To, clock, ct);
            if (range.Problem is not null) return range.Problem;
            var result = await scheduling.SolveAsync(id, range.From, range.To, ct);
            return result is null ? Problems.NotFound("Alliance", id) : Results.Ok(result);
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance));

        api.MapGet("/alliances/{id:long}/pairings", async (long id, DateOnly? from, DateOnly? to, SchedulerDbContext db, SchedulingService scheduling, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, from, to, clock, ct);
            if (range.Problem is not null) return range.Problem;
            return await scheduling.StoredAsync(id, range.From, range.To, ct) is { } stored
                ? Results.Ok(stored)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not solved yet",
                    detail: $"No pairing was computed for {range.From:yyyy-MM-dd}..{range.To:yyyy-MM-dd}; POST /api/alliances/{id}/solve first.",
                    extensions: new Dictionary<string, object?> { ["code"] = "not_solved" });
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance));

        // The week people ask about most: solved on first request if nobody solved it yet.
        api.MapGet("/alliances/{id:long}/pairings/current-week", async (long id, SchedulerDbContext db, SchedulingService scheduling, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, null, null, clock, ct);
            if (range.Problem is not null) return range.Problem;
            var result = await scheduling.StoredAsync(id, range.From, range.To, ct) ?? await scheduling.SolveAsync(id, range.From, range.To, ct);
            return result is null ? Problems.NotFound("Alliance", id) : Results.Ok(result);
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance));

        api.MapGet("/alliances/{id:long}/pairings.csv", async (long id, DateOnly? from, DateOnly? to, HttpContext http, SchedulerDbContext db, SchedulingService scheduling, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, from, to, clock, ct);
            if (range.Problem is not null) return range.Problem;
            var result = await scheduling.StoredAsync(id, range.From, range.To, ct) ?? await scheduling.SolveAsync(id, range.From, range.To, ct);
            if (result is null) return Problems.NotFound("Alliance", id);
            await audit.RecordAsync("pairings.export", $"alliance:{id}:{range.From:yyyyMMdd}", AuditOutcome.Succeeded, ct);
            var zone = AllianceClock.Zone((await db.Alliances.AsNoTracking().FirstAsync(a => a.Id == id, ct)).TimeZone);
            return Results.File(PairingCsv(result, zone), "text/csv; charset=utf-8", $"pairings-{id}-{range.From:yyyyMMdd}.csv");
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance));

        api.MapGet("/alliances/{id:long}/pairings.xlsx", async (long id, DateOnly? from, DateOnly? to, HttpContext http, SchedulerDbContext db, SchedulingService scheduling, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, from, to, clock, ct);
            if (range.Problem is not null) return range.Problem;
            var result = await scheduling.StoredAsync(id, range.From, range.To, ct) ?? await scheduling.SolveAsync(id, range.From, range.To, ct);
            if (result is null) return Problems.NotFound("Alliance", id);
            await audit.RecordAsync("pairings.export", $"alliance:{id}:{range.From:yyyyMMdd}", AuditOutcome.Succeeded, ct);
            var zone = AllianceClock.Zone((await db.Alliances.AsNoTracking().FirstAsync(a => a.Id == id, ct)).TimeZone);
            return Results.File(XlsxTableWriter.Write("结对 Pairings", PairingRows(result, zone)), ImportEndpoints.XlsxType, $"pairings-{id}-{range.From:yyyyMMdd}.xlsx");
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance));

        return api;
    }

    /// <summary>The export table (header + one row per pairing), shared by the CSV and xlsx exports.</summary>
    public static IEnumerable<IReadOnlyList<string?>> PairingRows(WeekSolveResult result, TimeZoneInfo zone)
    {
        yield return ["日期 date", "开始 start", "结束 end", "学科 subject", "年级 grade", "主讲教师 teacher", "课次 lesson", "学校 school", "班级 class"];
        foreach (var p in result.Pairings)
        {
            var start = TimeZoneInfo.ConvertTime(p.StartsAt, zone);
            var end = TimeZoneInfo.ConvertTime(p.EndsAt, zone);
            yield return [p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture),
                p.Subject, p.Grade.ToString(CultureInfo.InvariantCulture), p.TeacherName, p.LessonId, p.SchoolName, p.ClassroomName];
        }
    }

    /// <summary>CSV with a UTF-8 BOM so Excel on a Chinese Windows opens the names correctly.</summary>
    public static byte[] PairingCsv(WeekSolveResult result, TimeZoneInfo zone)
    {
        var sb = new StringBuilder();
        foreach (var row in PairingRows(result, zone)) sb.AppendLine(string.Join(',', row.Select(c => Csv.Escape(c ?? string.Empty))));

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private sealed record Range(DateOnly From, DateOnly To, IResult? Problem);

    private static async Task<Range> RangeAsync(SchedulerDbContext db, long allianceId, DateOnly? from, DateOnly? to, TimeProvider clock, CancellationToken ct)
    {
        var alliance = await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == allianceId, ct);
        if (alliance is null) return new Range(default, default, Problems.NotFound("Alliance", allianceId));
        var start = from ?? AllianceClock.WeekStart(AllianceClock.Today(clock, AllianceClock.Zone(alliance.TimeZone)));
        var end = to ?? start.AddDays(6);
        if (end < start) return new Range(start, end, Problems.Validation("to", "'to' is before 'from'."));
        if (end.DayNumber - start.DayNumber + 1 > MaxRangeDays)
            return new Range(start, end, Problems.Validation("to", $"Solve at most {MaxRangeDays} days at a time."));
        return new Range(start, end, null);
    }
}
