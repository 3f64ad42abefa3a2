using System.Globalization;
using System.Text;
using Classroom.Contracts.Access;
using Classroom.Identity.Audit;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Api;

/// <summary>The audit log for auditors and district admins: searchable by subject, action, target and date; CSV export. Reading it is itself audited.</summary>
public static class AuditEndpoints
{
    public sealed record AuditView(long Id, DateTimeOffset At, string Subject, string Name, string Scope, string ClientAddress, string Action, string Target, string Outcome, int Status);

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (string? subject, string? action, string? target, DateTimeOffset? from, DateTimeOffset? to, int? page, string? format,
            HttpContext http, AccountDbContext db, AuditWriter writer, IAuditTrail trail, CancellationToken ct) =>
        {
            await writer.FlushAsync(ct);
            var rows = db.Audit.AsNoTracking().AsQueryable();
            if (!string.IsNullOrWhiteSpace(subject)) rows = rows.Where(a => a.Subject == subject || a.Name.Contains(subject));
            if (!string.IsNullOrWhiteSpace(action)) rows = rows.Where(a => a.Action.Contains(action));
            if (!string.IsNullOrWhiteSpace(target)) rows = rows.Where(a => a.Target.Contains(target));
            if (from is { } f) rows = rows.Where(a => a.AtUtcTicks >= f.UtcTicks);
            if (to is { } t) rows = rows.Where(a => a.AtUtcTicks < t.UtcTicks);
            var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
            var size = csv ? 100_000 : 200;
            var list = await rows.OrderByDescending(a => a.Id).Skip(Math.Max(0, (page ?? 0) * size)).Take(size).ToListAsync(ct);
            await trail.RecordAsync(csv ? "audit.export" : "audit.read", $"subject={subject},action={action},target={target}", AuditOutcome.Succeeded, ct);
            var views = list.Select(a => new AuditView(a.Id, new DateTimeOffset(a.AtUtcTicks, TimeSpan.Zero), a.Subject, a.Name, a.Scope, a.ClientAddress, a.Action, a.Target, a.Outcome, a.Status)).ToList();
            return csv ? Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(views))).ToArray(), "text/csv; charset=utf-8", "audit.csv") : Results.Ok(views);
        }).WithTags("Identity").WithMetadata(new AccessRule(Permission.ReadAudit, ResourceKind.County, null))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces<List<AuditView>>();
        return app;
    }

    private static string Csv(IEnumerable<AuditView> rows)
    {
        var b = new StringBuilder("at,subject,name,scope,client,action,target,outcome,status\n");
        foreach (var r in rows)
            b.AppendJoin(',', r.At.ToString("O", CultureInfo.InvariantCulture), Q(r.Subject), Q(r.Name), Q(r.Scope), Q(r.ClientAddress), Q(r.Action), Q(r.Target), r.Outcome, r.Status.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return b.ToString();
    }

    // Quoted, and a leading =,+,-,@ neutralised so a spreadsheet never runs a cell as a formula.
    private static string Q(string s) => "\"" + (s.Length > 0 && "=+-@".Contains(s[0], StringComparison.Ordinal) ? "'" + s : s).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
