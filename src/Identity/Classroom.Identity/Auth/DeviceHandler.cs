using System.Text.Encodings.Web;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Identity.Auth;

/// <summary>
/// An enrolled device: the HttpOnly device cookie (kiosk browsers) or "Authorization: Bearer
/// cr_dev_{id}_{secret}" (encoders). Checked against the stored hash on every request, so a
/// revoked device is out at its next request.
/// </summary>
public sealed class DeviceHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccountDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var value = AccessTokenHandler.BearerValue(Request, out var bearer) ? bearer : Request.Cookies[AuthSchemes.DeviceCookie];
        if (!Secrets.TryParse(value, Secrets.DevicePrefix, out var id, out var secret)) return AuthenticateResult.NoResult();
        var device = await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, Context.RequestAborted).ConfigureAwait(false);
        if (device is null || !Secrets.Matches(device.SecretHash, secret)) return AuthenticateResult.Fail("unknown device");
        if (device.RevokedUtcTicks is not null) return AuthenticateResult.Fail("device revoked");
        var principal = Principals.Build(Scheme.Name, Principals.SubjectOf(device), device.Name, [Principals.ToGrant(device)], "device");
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
