using System.Net;
using Classroom.Contracts.Tokens;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Admin endpoints need an admin join token (Bearer), or — in the one-server default — a request
/// from the loopback address (<see cref="SchedulerOptions.TrustLoopbackAdmin"/>).
/// </summary>
public sealed class AdminAccessFilter : IEndpointFilter
{
    public const string ActorItem = "classroom.actor";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        if (http.Request.Headers.Authorization.Count > 0)
        {
            var tokens = services.GetRequiredService<JoinTokenService>();
            if (!BearerAuth.TryRead(http, tokens, out var claims, out var problem)) return problem;
            if (claims!.Role != ClassroomRole.Admin || !claims.HasScope(JoinTokenScopes.Admin))
                return Problems.Forbidden("This endpoint needs an alliance admin token.");
            http.Items[ActorItem] = claims.Subject;
            return await next(context);
        }

        var options = services.GetRequiredService<IOptions<SchedulerOptions>>().Value;
        var remote = http.Connection.RemoteIpAddress;
        if (options.TrustLoopbackAdmin && remote is not null && IPAddress.IsLoopback(remote))
        {
            http.Items[ActorItem] = "admin@loopback";
            return await next(context);
        }

        return Problems.Unauthorized("Send an admin token as 'Authorization: Bearer <token>'.");
    }

    public static string Actor(HttpContext http) => http.Items[ActorItem] as string ?? "unknown";
}
