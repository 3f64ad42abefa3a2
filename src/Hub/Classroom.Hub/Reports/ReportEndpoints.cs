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

        group.MapGet("/attendance", async (DateTimeOffset? from, DateTimeOffset? to, string? format, HttpContext http, AttendanceReports reports, ILoggerFactory logs) =>
        {
            if (from is null || to is null || to <= from || to - from > TimeSpan.FromDays(366))
                return Results.Problem(title: "from/to", detail: "from and to (ISO 8601) are required, to after from, at most 366 days apart", statusCode: 400);
            var caller = HubCaller.From(http.User)!;
            var rows = await reports.RangeAsync(caller.Token.AllianceId, from.Value, to.Value, http.RequestAborted).ConfigureAwait(false);
            return ReportResults.Rows(rows, format, "attendance-term", caller, logs);
        });

        group.MapGet("/heatmap", async (DateTimeOffset? from, DateTimeOffset? to, HttpContext http, AttendanceReports reports, ILoggerFactory logs) =>
        {
            if (from is null || to is null || to <= from || to - from > TimeSpan.FromDays(366))
                return Results.Problem(title: "from/to", detail: "from and to (ISO 8601) are required, to after from, at most 366 days apart", statusCode: 400);
            var caller = HubCaller.From(http.User)!;
            var rows = await reports.RangeAsync(caller.Token.AllianceId, from.Value, to.Value, http.RequestAborted).ConfigureAwait(false);
            HubLog.ReportRead(logs.CreateLogger("Classroom.Hub.Audit"), caller.Token.Subject, "heatmap", "json");
            return Results.Ok(AttendanceReports.Heatmap(rows));
        });
        return endpoints;
    }

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
