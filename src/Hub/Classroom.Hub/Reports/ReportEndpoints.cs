using Classroom.Contracts.Tokens;
using Classroom.Hub.Auth;
using Classroom.Hub.Hubs;
using Microsoft.AspNetCore.Authorization;

namespace Classroom.Hub.Reports;

/// <summary>
/// Admin attendance reports under /api/hub/reports (admin tokens only, alliance-scoped, rate
/// limited per token with 429, every read audit-logged). format=json (default), csv or xlsx.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapHubReports(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/hub/reports")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = JoinTokenAuthenticationHandler.SchemeName })
            .AddEndpointFilter(AdminOnlyAsync);

        group.MapGet("/lessons/{lessonId}", async (string lessonId, string? format, HttpContext http, AttendanceReports reports, ILoggerFactory logs) =>
        {
            var caller = HubCaller.From(http.User)!;
            var rows = await reports.LessonAsync(caller.Token.AllianceId, lessonId, http.RequestAborted).ConfigureAwait(false);
            return ReportResults.Rows(rows, format, "attendance-" + lessonId, caller, logs);
        });

        group.MapGet("/attendance", async (string? from, string? to, string? format, HttpContext http, AttendanceReports reports, ILoggerFactory logs) =>
        {
            if (RangeProblem(from, to, out var range) is { } problem) return problem;
            var caller = HubCaller.From(http.User)!;
            var rows = await reports.RangeAsync(caller.Token.AllianceId, range.From, range.To, http.RequestAborted).ConfigureAwait(false);
            return ReportResults.Rows(rows, format, "attendance-term", caller, logs);
        });

        group.MapGet("/heatmap", async (string? from, string? to, HttpContext http, AttendanceReports reports, ILoggerFactory logs) =>
        {
            if (RangeProblem(from, to, out var range) is { } problem) return problem;
            var caller = HubCaller.From(http.User)!;
            var rows = await reports.RangeAsync(caller.Token.AllianceId, range.From, range.To, http.RequestAborted).ConfigureAwait(false);
            HubLog.ReportRead(logs.CreateLogger("Classroom.Hub.Audit"), caller.Token.Subject, "heatmap", "json");
            return Results.Ok(AttendanceReports.Heatmap(rows));
        });
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

    private static async ValueTask<object?> AdminOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = HubCaller.From(http.User);
        if (caller is null || caller.Token.Role != ClassroomRole.Admin || !caller.Token.HasScope(JoinTokenScopes.Admin))
            return Results.Problem(title: "forbidden", detail: "an admin token is required", statusCode: 403);
        if (!http.RequestServices.GetRequiredService<TokenRateLimiter>().TryAcquire(caller.LimitKey))
            return Results.Problem(title: "rate_limited", detail: "too many requests for this token", statusCode: 429);
        return await next(context).ConfigureAwait(false);
    }
}
