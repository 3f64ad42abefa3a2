using System.Text.Encodings.Web;
using Classroom.Contracts.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Classroom.Hub.Auth;

/// <summary>
/// Bearer authentication (RFC 6750) with the scheduler's ES256 join tokens, validated offline.
/// Browsers cannot set headers on WebSocket/SSE requests, so SignalR sends its token as the
/// <c>access_token</c> query parameter (RFC 6750 §2.3): there only a short-lived
/// <see cref="HubTickets"/> ticket is accepted. Revoked tokens (<see cref="Classroom.Contracts.Access.Revocations"/>) are refused.
/// </summary>
public sealed class JoinTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JoinTokenKeyProvider keys,
    HubTickets tickets,
    Classroom.Contracts.Access.Revocations revocations,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "JoinToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var now = time.GetUtcNow();
        JoinTokenClaims? claims;
        string? token;
        string? header = Request.Headers[HeaderNames.Authorization];
        string? bearer = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        string? query = Request.Query["access_token"];
        if (bearer is not null && !HubTickets.IsTicket(bearer))
        {
            token = bearer;
            var key = keys.TryGet();
            if (key is null) return Task.FromResult(AuthenticateResult.Fail("join-token public key not available yet"));
            if (!JoinTokenCodec.TryValidate(token, key, now, out claims, out var error))
                return Task.FromResult(AuthenticateResult.Fail("join token " + error));
        }
        else
        {
            // A browser's SignalR client sends its access token as a header on negotiate and in the
            // URL on the WebSocket: both carry the short-lived ticket, never the join token (a join
            // token in a URL is refused: URLs get logged).
            var ticket = bearer ?? query;
            if (string.IsNullOrEmpty(ticket)) return Task.FromResult(AuthenticateResult.NoResult());
            if (!tickets.TryRedeem(ticket, out claims, out token)) return Task.FromResult(AuthenticateResult.Fail("unknown or expired ticket"));
            if (claims!.ExpiresAt + JoinTokenConstants.ClockSkew < now) return Task.FromResult(AuthenticateResult.Fail("join token Expired"));
        }

        if (revocations.IsRevoked(claims!.Subject, claims.TokenId, claims.LessonId, now))
            return Task.FromResult(AuthenticateResult.Fail("join token revoked"));

        var principal = new System.Security.Claims.ClaimsPrincipal(new HubCaller(claims, token!));
        // ExpiresUtc lets SignalR close connections whose token expired (CloseOnAuthenticationExpiration).
        // SignalR compares it with the system clock, not the host's TimeProvider, so the expiry is
        // handed over as "now + what is left by our clock": the same instant in production, and a
        // host running on another calendar time (tests, a replayed demo day) keeps its connections.
        var left = claims.ExpiresAt + JoinTokenConstants.ClockSkew - now;
        var properties = new AuthenticationProperties { ExpiresUtc = TimeProvider.System.GetUtcNow() + left };
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, properties, SchemeName)));
    }
}
