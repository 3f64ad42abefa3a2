using Classroom.Contracts.Export;
using System.Text;
using Classroom.Contracts.Access;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Import;
using Classroom.Scheduler.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Planned vs delivered for an alliance (<c>/api/alliances/{id}/reports/planned-delivered</c>)
/// and for the whole county (<c>/api/reports/planned-delivered</c>): JSON, or <c>format=csv|xlsx</c>.
/// Counts and headcounts only, no minors' names; exports are audited like the pairing exports.
/// </summary>
public static class PlannedDeliveredEndpoints
{
    /// <summary>A school term at most (about 20 weeks), so a report stays one query's worth.</summary>
    public const int MaxRangeDays = 184;

    public static RouteGroupBuilder MapPlannedDelivered(this RouteGroupBuilder api)
    {
        api.MapGet("/alliances/{id:long}/reports/planned-delivered", async (long id, DateOnly? from, DateOnly? to, string? format, HttpContext http,
            SchedulerDbContext db, PlannedDelivered reports, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            var alliance = await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (alliance is null) return Problems.NotFound("Alliance", id);
            var zone = AllianceClock.Zone(alliance.TimeZone);
            return await AnswerAsync(http, reports, audit, id, from, to, format, zone, clock, $"alliance:{id}", ct);
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces(StatusCodes.Status200OK, contentType: ImportEndpoints.XlsxType)
            .Produces<PlannedDeliveredReport>().Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        api.MapGet("/reports/planned-delivered", async (DateOnly? from, DateOnly? to, string? format, HttpContext http,
            PlannedDelivered reports, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
            await AnswerAsync(http, reports, audit, null, from, to, format, AllianceClock.Zone(null), clock, "county", ct))
            .WithMetadata(new AccessRule(Permission.Read, ResourceKind.County, null))
            .Produces(StatusCodes.Status200OK, contentType: ImportEndpoints.XlsxType)
            .Produces<PlannedDeliveredReport>().Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, PlannedDelivered reports, IAuditTrail audit, long? allianceId,
        DateOnly? from, DateOnly? to, string? format, TimeZoneInfo zone, TimeProvider clock, string target, CancellationToken ct)
    {
        var start = from ?? AllianceClock.WeekStart(AllianceClock.Today(clock, zone));
        var end = to ?? start.AddDays(6);
        if (end < start) return Problems.Validation("to", CallerLanguage.Pick(http.Request, "结束日期早于开始日期。", "'to' is before 'from'."));
        if (end.DayNumber - start.DayNumber + 1 > MaxRangeDays)
            return Problems.Validation("to", CallerLanguage.Pick(http.Request, $"一次最多查询 {MaxRangeDays} 天。", $"Ask for at most {MaxRangeDays} days at a time."));
        if (format is not (null or "json" or "csv" or "xlsx"))
            return Problems.Validation("format", CallerLanguage.Pick(http.Request, "format 只能是 json、csv 或 xlsx。", "format must be json, csv or xlsx."));

        var report = await reports.BuildAsync(allianceId, start, end, ct);
        if (format is null or "json") return Results.Ok(report);

        await audit.RecordAsync("planned-delivered.export", $"{target}:{start:yyyyMMdd}-{end:yyyyMMdd}", AuditOutcome.Succeeded, ct);
        var name = $"planned-delivered-{target.Replace(':', '-')}-{start:yyyyMMdd}";
        var rows = PlannedDelivered.ExportRows(report, zone);
        return format == "xlsx"
            ? Results.File(Xlsx.Write("计划与落实 Planned vs delivered", rows), Xlsx.ContentType, name + ".xlsx")
            : Results.File(Csv.Bytes(rows), Csv.ContentType, name + ".csv");
    }
}
