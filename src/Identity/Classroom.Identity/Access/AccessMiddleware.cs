using Classroom.Contracts.Access;
using Classroom.Identity.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Classroom.Identity.Access;

/// <summary>
/// The one authorization layer (ARCHITECTURE.md "Identity and access"). For every endpoint it
/// reads the <see cref="AccessRule"/>, <see cref="SignedInEndpoint"/> or <see cref="PublicEndpoint"/>
/// metadata; resolves the named resource's alliance and school through the components'
/// <see cref="IResourceScopeResolver"/>s; compares them with the caller's grants
/// (<see cref="AccessPolicy"/>); refuses an endpoint that declares nothing. A page session
/// (cookie) must also send the antiforgery header on every state-changing request. Every
/// state-changing request, and every refusal of a signed-in caller, is written to the audit log.
/// </summary>
public sealed class AccessMiddleware(RequestDelegate next, IAntiforgery antiforgery, AuditWriter audit, TimeProvider clock, ILogger<AccessMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var refusal = await AuthorizeAsync(context, endpoint).ConfigureAwait(false);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            await AuditAsync(context, endpoint).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            await AuditAsync(context, endpoint).ConfigureAwait(false);
        }
    }

    private async Task<IResult?> AuthorizeAsync(HttpContext context, Endpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        if (metadata.GetMetadata<PublicEndpoint>() is not null) return null;

        var rule = metadata.GetMetadata<AccessRule>();
        var signedIn = metadata.GetMetadata<SignedInEndpoint>();
        if (rule is null && signedIn is null)
        {
            IdentityLog.NoAccessRule(logger, endpoint.DisplayName ?? "?");
            return AccessProblems.Forbidden(context, "no_rule");
        }

        if (context.User.Identity?.IsAuthenticated != true) return AccessProblems.Unauthorized(context);
        if (await AntiforgeryFailsAsync(context).ConfigureAwait(false)) return AccessProblems.Antiforgery(context);
        if (rule is null) return null;

        var scope = ResourceScope.County;
        if (rule.Kind != ResourceKind.County)
        {
            var id = RouteOrQuery(context, rule.RouteParameter ?? "id");
            if (string.IsNullOrEmpty(id)) return AccessProblems.Invalid(context, rule.RouteParameter ?? "id");
            var resolver = context.RequestServices.GetServices<IResourceScopeResolver>().FirstOrDefault(r => r.Kinds.Contains(rule.Kind));
            if (resolver is null) return AccessProblems.Forbidden(context, "no_resolver");
            var resolved = await resolver.ResolveAsync(rule.Kind, id, context.RequestAborted).ConfigureAwait(false);
            if (resolved is null) return AccessProblems.NotFound(context, rule.Kind, id);
            scope = resolved;
        }

        context.Items[AccessItems.Scope] = scope;
        return AccessPolicy.Allows(AccessClaims.GrantsOf(context.User), rule.Permission, scope) ? null : AccessProblems.Forbidden(context, "scope");
    }

    /// <summary>Cookie sessions carry ambient authority: a state change needs the antiforgery header too. Tokens and devices do not (no ambient cookie a page could ride on, except the device cookie — checked likewise).</summary>
    private async Task<bool> AntiforgeryFailsAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)) return false;
        var method = context.User.FindFirst(AccessClaims.Method)?.Value;
        var ambient = method == "cookie" || (method == "device" && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase));
        if (!ambient) return false;
        return !await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
    }

    private async Task AuditAsync(HttpContext context, Endpoint endpoint)
    {
        var method = context.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
        var status = context.Response.StatusCode;
        var refused = status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden;
        if (safe && !(refused && context.User.Identity?.IsAuthenticated == true)) return;
        var outcome = status < 400 ? AuditOutcome.Succeeded : refused ? AuditOutcome.Refused : AuditOutcome.Failed;
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName ?? context.Request.Path.Value ?? "?";
        var target = string.Join(',', context.Request.RouteValues.Select(kv => $"{kv.Key}={kv.Value}"));
        await audit.EnqueueAsync(AuditTrail.Entry(context, clock, $"{method} {pattern}", target, outcome, status), CancellationToken.None).ConfigureAwait(false);
    }

    private static string? RouteOrQuery(HttpContext context, string name) =>
        context.Request.RouteValues.TryGetValue(name, out var v) && v is not null ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : context.Request.Query[name].FirstOrDefault();
}
