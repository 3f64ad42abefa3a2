using System.Globalization;
using System.Text;
using Classroom.Contracts.Access;
using Classroom.Contracts.Export;
using Classroom.Identity.Access;
using Classroom.Identity.Audit;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Api;

/// <summary>The audit log for auditors and district admins: searchable by subject, action, target and date, newest first, paged from 1 with the count of all matches in <c>X-Total-Count</c>; CSV export. Reading it is itself audited.</summary>
public static class AuditEndpoints
{
    public sealed record AuditView(long Id, DateTimeOffset At, string Subject, string Name, string Scope, string ClientAddress, string Action, string Target, string Outcome, int Status);

    /// <summary>The most rows one page of the log carries, and the page size when none is asked (docs/admin-paging.md).</summary>
    public const int MaxPageSize = 200;

    /// <summary>The most matches counted for <c>X-Total-Count</c>; more are reported as this many with <c>X-Total-Capped: true</c>.</summary>
    public const int MaxCounted = 10_000;

    /// <summary>The most rows one CSV export carries.</summary>
    public const int MaxExportRows = 100_000;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (string? subject, string? action, string? target, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, string? format,
            HttpContext http, AccountDbContext db, AuditWriter writer, IAuditTrail trail, CancellationToken ct) =>
        {
            var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
            if (page is < 1)
                return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid", "页码 page 必须从 1 开始。", "The page number must be 1 or more.");
            var most = csv ? MaxExportRows : MaxPageSize;
            if (pageSize is < 1 || pageSize > most)
                return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid", $"每页条数 pageSize 必须在 1 到 {most} 之间。", $"The page size must be between 1 and {most}.");
            await writer.FlushAsync(ct);
            var rows = db.Audit.AsNoTracking().AsQueryable();
            if (!string.IsNullOrWhiteSpace(subject)) rows = rows.Where(a => a.Subject == subject || a.Name.Contains(subject));
            if (!string.IsNullOrWhiteSpace(action)) rows = rows.Where(a => a.Action.Contains(action));
            if (!string.IsNullOrWhiteSpace(target)) rows = rows.Where(a => a.Target.Contains(target));
            if (from is { } f) rows = rows.Where(a => a.AtUtcTicks >= f.UtcTicks);
            if (to is { } t) rows = rows.Where(a => a.AtUtcTicks < t.UtcTicks);
            var size = pageSize ?? most;
            // Counting is bounded: an unfiltered count of years of log on every read is the cost avoided.
            // Past the bound the header says so, and the page asks the reader to narrow the search.
            var total = await rows.Take(MaxCounted + 1).CountAsync(ct);
            if (total > MaxCounted) http.Response.Headers["X-Total-Capped"] = "true";
            total = Math.Min(total, MaxCounted);
            var list = await rows.OrderByDescending(a => a.Id).Skip((int)Math.Min(int.MaxValue, ((long)(page ?? 1) - 1) * size)).Take(size).ToListAsync(ct);
            http.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
            await trail.RecordAsync(csv ? "audit.export" : "audit.read", $"subject={subject},action={action},target={target}", AuditOutcome.Succeeded, ct);
            var views = list.Select(a => new AuditView(a.Id, new DateTimeOffset(a.AtUtcTicks, TimeSpan.Zero), a.Subject, a.Name, a.Scope, a.ClientAddress, a.Action, a.Target, a.Outcome, a.Status)).ToList();
            return csv ? Results.File(Csv.Bytes(Table(views)), Csv.ContentType, "audit.csv") : Results.Ok(views);
        }).WithTags("Identity").WithMetadata(new AccessRule(Permission.ReadAudit, ResourceKind.County, null))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces<List<AuditView>>().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static IEnumerable<IReadOnlyList<string?>> Table(IEnumerable<AuditView> rows) =>
    [
        ["at", "subject", "name", "scope", "client", "action", "target", "outcome", "status"],
        .. rows.Select(r => new string?[]
        {
            r.At.ToString("O", CultureInfo.InvariantCulture), r.Subject, r.Name, r.Scope, r.ClientAddress, r.Action, r.Target, r.Outcome,
            r.Status.ToString(CultureInfo.InvariantCulture),
        }),
    ];
}
