using Classroom.Contracts.Access;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Http;

namespace Classroom.Identity.Audit;

/// <summary>
/// <see cref="IAuditTrail"/> for every component: the caller's subject, name and grants come from
/// the current request's principal, the client address from the connection (which the forwarded
/// headers middleware set from known proxies only).
/// </summary>
public sealed class AuditTrail(AuditWriter writer, IHttpContextAccessor http, TimeProvider clock) : IAuditTrail
{
    public Task RecordAsync(string action, string target, AuditOutcome outcome, CancellationToken cancellationToken) =>
        writer.EnqueueAsync(Entry(http.HttpContext, clock, action, target, outcome, http.HttpContext?.Response.StatusCode ?? 0), cancellationToken).AsTask();

    internal static AuditEntry Entry(HttpContext? context, TimeProvider clock, string action, string target, AuditOutcome outcome, int status)
    {
        var user = context?.User;
        return new AuditEntry
        {
            AtUtcTicks = clock.GetUtcNow().UtcTicks,
            Subject = Clip(AccessClaims.SubjectOf(user) ?? "anonymous", 64),
            Name = Clip(AccessClaims.NameOf(user), 100),
            Scope = Clip(string.Join(' ', AccessClaims.GrantsOf(user).Select(g => g.ToClaimValue())), 400),
            ClientAddress = Clip(context?.Connection.RemoteIpAddress?.ToString() ?? "-", 64),
            Action = Clip(action, 120),
            Target = Clip(target, 300),
            Outcome = outcome.ToString(),
            Status = status,
        };
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
