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
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").Produces<List<AttendanceRow>>().ProducesValidationProblem();

        group.MapGet("/attendance", async (long allianceId, string? from, string? to, string? format, HttpContext http, AttendanceReports reports, ILoggerFactory logs) =>
        {
            if (RangeProblem(from, to, out var range) is { } problem) return problem;
            var rows = await reports.RangeAsync(allianceId, range.From, range.To, http.RequestAborted).ConfigureAwait(false);
            return await ReportResults.RowsAsync(rows, format, "attendance-term", http, logs).ConfigureAwait(false);
        }).WithMetadata(new AccessRule(Permission.ReadPersonal, ResourceKind.Alliance, "allianceId"))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").Produces<List<AttendanceRow>>().ProducesValidationProblem();

        group.MapGet("/heatmap", async (long allianceId, string? from, string? to, HttpContext http, AttendanceReports reports) =>
        {
            if (RangeProblem(from, to, out var range) is { } problem) return problem;
            var rows = await reports.RangeAsync(allianceId, range.From, range.To, http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(AttendanceReports.Heatmap(rows));
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance, "allianceId"))
            .Produces<List<HeatmapCell>>().ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>Both bounds as ISO 8601, to after from, at most a year: else a 400 problem naming the field.</summary>
    private static IResult? RangeProblem(string? from, string? to, out (DateTimeOffset From, DateTimeOffset To) range)
    {
        range = default;
        if (!DateTimeOffset.TryParse(from, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var f))
            return Invalid("from", "from must be an ISO 8601 date or time");
        if (!DateTimeOffset.TryParse(to, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
            return Invalid("to", "to must be an ISO 8601 date or time");
        if (t <= f || t - f > TimeSpan.FromDays(366)) return Invalid("to", "to must be after from and at most 366 days later");
        range = (f, t);
        return null;
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "invalid " + field);
}
