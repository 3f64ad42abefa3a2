using System.Globalization;
using Classroom.Contracts.Access;
using Microsoft.AspNetCore.Authorization;

namespace Classroom.Hub.Reports;

/// <summary>
/// Attendance reports under /api/hub/reports for signed-in admins of the lesson's (or alliance's)
/// scope — the server's authorization layer reads the <see cref="AccessRule"/>s; the group also
/// demands a signed-in person, so a hub node without the identity role refuses instead of serving.
/// format=json (default), csv or xlsx. Every read is written to the audit log (minors' names).
/// </summary>
public static class ReportEndpoints
{
    public const string PersonPolicy = "classroom-person";

    public static IEndpointRouteBuilder MapHubReports(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/hub/reports").WithTags("Hub").RequireAuthorization(PersonPolicy);

        group.MapGet("/lessons/{lessonId}", async (string lessonId, string? format, HttpContext http, AttendanceReports reports, ILoggerFactory logs) =>
        {
            var scope = (ResourceScope)http.Items[AccessItems.Scope]!;
            var rows = await reports.LessonAsync(scope.AllianceId ?? 0, lessonId, http.RequestAborted).ConfigureAwait(false);
            return await ReportResults.RowsAsync(rows, format, "attendance-" + lessonId, http, logs).ConfigureAwait(false);
        }).WithMetadata(new AccessRule(Permission.ReadPersonal, ResourceKind.Lesson, "lessonId"))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: Classroom.Contracts.Export.Xlsx.ContentType).Produces<List<AttendanceRow>>().ProducesValidationProblem();

        group.MapGet("/attendance", async (long allianceId, string? from, string? to, string? format, HttpContext http, AttendanceReports reports, ILoggerFactory logs) =>
        {
            if (RangeProblem(http, from, to, out var range) is { } problem) return problem;
            var rows = await reports.RangeAsync(allianceId, range.From, range.To, http.RequestAborted).ConfigureAwait(false);
            return await ReportResults.RowsAsync(rows, format, "attendance-term", http, logs).ConfigureAwait(false);
        }).WithMetadata(new AccessRule(Permission.ReadPersonal, ResourceKind.Alliance, "allianceId"))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: Classroom.Contracts.Export.Xlsx.ContentType).Produces<List<AttendanceRow>>().ProducesValidationProblem();

        group.MapGet("/heatmap", async (long allianceId, string? from, string? to, string? format, string? measure, HttpContext http, AttendanceReports reports, ILoggerFactory logs) =>
        {
            if (RangeProblem(http, from, to, out var range) is { } problem) return problem;
            if (ReportResults.FormatProblem(http, ref format) is { } bad) return bad;
            measure = string.IsNullOrEmpty(measure) ? "joined" : measure.ToLowerInvariant();
            if (!HeatmapTable.Measures.Contains(measure))
                return ReportResults.Invalid(http, "measure", "measure 只能是 joined、headcount 或 minutes。", "measure must be joined, headcount or minutes.");
            var rows = await reports.RangeAsync(allianceId, range.From, range.To, http.RequestAborted).ConfigureAwait(false);
            var cells = AttendanceReports.Heatmap(rows);
            if (format == "json") return Results.Ok(cells);
            // Counts per school and week, no names of minors; the export is audited as every report file is.
            var name = string.Create(CultureInfo.InvariantCulture, $"heatmap-{allianceId}-{measure}-{range.From.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}");
            await ReportResults.AuditAsync(http, logs, "heatmap.export", name, format).ConfigureAwait(false);
            return ReportResults.File(format, HeatmapTable.Rows(cells, measure), "热力图 Heat map", name);
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance, "allianceId"))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: Classroom.Contracts.Export.Xlsx.ContentType)
            .Produces<List<HeatmapCell>>().ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>Both bounds as ISO 8601, to after from, at most a year: else a 400 problem naming the field, in the caller's language.</summary>
    private static IResult? RangeProblem(HttpContext http, string? from, string? to, out (DateTimeOffset From, DateTimeOffset To) range)
    {
        range = default;
        if (!DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var f))
            return ReportResults.Invalid(http, "from", "from 须为 ISO 8601 日期或时间。", "from must be an ISO 8601 date or time.");
        if (!DateTimeOffset.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            return ReportResults.Invalid(http, "to", "to 须为 ISO 8601 日期或时间。", "to must be an ISO 8601 date or time.");
        if (t <= f || t - f > TimeSpan.FromDays(366))
            return ReportResults.Invalid(http, "to", "to 须晚于 from，且相隔不超过 366 天。", "to must be after from and at most 366 days later.");
        range = (f, t);
        return null;
    }
}
