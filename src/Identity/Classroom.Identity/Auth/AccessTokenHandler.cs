using System.Text.Encodings.Web;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Identity.Auth;

/// <summary>"Authorization: Bearer cr_pat_{id}_{secret}": a personal access token, checked against its hash on every request (so revocation is immediate).</summary>
public sealed class AccessTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccountDbContext db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BearerValue(Request, out var value) || !Secrets.TryParse(value, Secrets.TokenPrefix, out var id, out var secret))
            return AuthenticateResult.NoResult();
        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, Context.RequestAborted).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcTicks;
        if (token is null || !Secrets.Matches(token.SecretHash, secret)) return AuthenticateResult.Fail("unknown access token");
        if (token.RevokedUtcTicks is not null) return AuthenticateResult.Fail("access token revoked");
        if (token.ExpiresUtcTicks < now) return AuthenticateResult.Fail("access token expired");
        var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(p => p.Id == token.PersonId, Context.RequestAborted).ConfigureAwait(false);
        if (person is null || person.Disabled || (person.LockoutEnd is { } end && end.UtcTicks > now))
            return AuthenticateResult.Fail("account disabled or locked");
        var grants = await Principals.GrantsAsync(db, person.Id, Context.RequestAborted).ConfigureAwait(false);
        var principal = Principals.Build(Scheme.Name, Principals.SubjectOf(person), person.DisplayName, grants, "pat");
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    internal static bool BearerValue(HttpRequest request, out string value)
    {
        string header = request.Headers.Authorization.ToString();
        value = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : string.Empty;
        return value.Length > 0;
    }
}
