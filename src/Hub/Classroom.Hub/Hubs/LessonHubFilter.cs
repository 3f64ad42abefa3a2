using Classroom.Hub.Auth;
using Microsoft.AspNetCore.SignalR;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Hubs;

/// <summary>
/// Runs around every hub call: the per-token rate limit ("rate_limited"), and store failures
/// turned into "unavailable" so the client keeps the record in its outbox and retries.
/// </summary>
public sealed class LessonHubFilter(TokenRateLimiter limiter, ILogger<LessonHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var caller = HubCaller.From(invocationContext.Context.User);
        if (caller is not null && !limiter.TryAcquire(caller.LimitKey))
            throw HubErrorCodes.Error(HubErrorCodes.RateLimited, "slow down");
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbUpdateException or DbException or TimeoutException)
        {
            HubLog.CallStoreFailed(logger, invocationContext.HubMethodName, caller?.Token.Subject ?? "?", e);
            throw HubErrorCodes.Error(HubErrorCodes.Unavailable, "store");
        }
    }
}
