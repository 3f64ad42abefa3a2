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
/// Usage per school for an alliance (<c>/api/alliances/{id}/reports/usage</c>) and for the whole
/// county (<c>/api/reports/usage</c>): JSON, or <c>format=csv|xlsx</c>. Counts only, no names;
/// every read is audited (<c>usage.read</c>, <c>usage.export</c>). At most
/// <see cref="PlannedDeliveredEndpoints.MaxRangeDays"/> days, one row per school of the scope.
/// </summary>
public static class SchoolUsageEndpoints
{
    public static RouteGroupBuilder MapSchoolUsage(this RouteGroupBuilder api)
    {
        api.MapGet("/alliances/{id:long}/reports/usage", async (long id, DateOnly? from, DateOnly? to, string? format, HttpContext http,
            SchedulerDbContext db, SchoolUsage reports, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            var alliance = await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (alliance is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: CallerLanguage.Pick(http.Request, "未找到", "Not found"),
                    detail: CallerLanguage.Pick(http.Request, $"联盟 {id} 不存在。", $"Alliance {id} does not exist."),
                    extensions: new Dictionary<string, object?> { ["code"] = "not_found" });
            }

            return await AnswerAsync(http, reports, audit, id, from, to, format, AllianceClock.Zone(alliance.TimeZone), clock, $"alliance:{id}", ct);
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<SchoolUsageReport>().Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: ImportEndpoints.XlsxType)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        api.MapGet("/reports/usage", async (DateOnly? from, DateOnly? to, string? format, HttpContext http,
            SchoolUsage reports, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
            await AnswerAsync(http, reports, audit, null, from, to, format, AllianceClock.Zone(null), clock, "county", ct))
            .WithMetadata(new AccessRule(Permission.Read, ResourceKind.County, null))
            .Produces<SchoolUsageReport>().Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: ImportEndpoints.XlsxType).ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, SchoolUsage reports, IAuditTrail audit, long? allianceId,
        DateOnly? from, DateOnly? to, string? format, TimeZoneInfo zone, TimeProvider clock, string target, CancellationToken ct)
    {
        var max = PlannedDeliveredEndpoints.MaxRangeDays;
        var start = from ?? AllianceClock.WeekStart(AllianceClock.Today(clock, zone));
        var end = to ?? start.AddDays(6);
        if (end < start) return Problems.Validation("to", CallerLanguage.Pick(http.Request, "结束日期早于开始日期。", "'to' is before 'from'."));
        if (end.DayNumber - start.DayNumber + 1 > max)
            return Problems.Validation("to", CallerLanguage.Pick(http.Request, $"一次最多查询 {max} 天。", $"Ask for at most {max} days at a time."));
        if (format is not (null or "json" or "csv" or "xlsx"))
            return Problems.Validation("format", CallerLanguage.Pick(http.Request, "format 只能是 json、csv 或 xlsx。", "format must be json, csv or xlsx."));

        var report = await reports.BuildAsync(allianceId, start, end, zone, ct);
        var range = $"{target}:{start:yyyyMMdd}-{end:yyyyMMdd}";
        if (format is null or "json")
        {
            await audit.RecordAsync("usage.read", range, AuditOutcome.Succeeded, ct);
            return Results.Ok(report);
        }

        await audit.RecordAsync("usage.export", $"{range}.{format}", AuditOutcome.Succeeded, ct);
        var name = $"usage-{target.Replace(':', '-')}-{start:yyyyMMdd}-{end:yyyyMMdd}";
        var rows = SchoolUsage.ExportRows(report);
        return format == "xlsx"
            ? Results.File(Xlsx.Write("各校使用情况 Usage", rows), Xlsx.ContentType, name + ".xlsx")
            : Results.File(Csv.Bytes(rows), Csv.ContentType, name + ".csv");
    }
}
