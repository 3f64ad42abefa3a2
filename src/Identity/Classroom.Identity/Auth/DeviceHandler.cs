using System.Text.Encodings.Web;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Identity.Auth;

/// <summary>
/// An enrolled device: the HttpOnly device cookie (kiosk browsers) or "Authorization: Bearer
/// cr_dev_{id}_{secret}" (encoders). Checked against the stored hash on every request, so a
/// revoked device is out at its next request. Its last sighting is written at most once every
/// <see cref="LastSeenPrecision"/> (admins read it in the device list), not on every request.
/// </summary>
public sealed class DeviceHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccountDbContext db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>A kiosk asks every 30 s; two minutes is precise enough for "last seen" and keeps writes to one per device per two minutes.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(2);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var value = AccessTokenHandler.BearerValue(Request, out var bearer) ? bearer : Request.Cookies[AuthSchemes.DeviceCookie];
        if (!Secrets.TryParse(value, Secrets.DevicePrefix, out var id, out var secret)) return AuthenticateResult.NoResult();
        var device = await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, Context.RequestAborted).ConfigureAwait(false);
        if (device is null || !Secrets.Matches(device.SecretHash, secret)) return AuthenticateResult.Fail("unknown device");
        if (device.RevokedUtcTicks is not null) return AuthenticateResult.Fail("device revoked");
        var now = clock.GetUtcNow().UtcTicks;
        if (device.LastSeenUtcTicks is not { } seen || now - seen >= LastSeenPrecision.Ticks)
            await db.Devices.Where(d => d.Id == device.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenUtcTicks, now), Context.RequestAborted).ConfigureAwait(false);
        var principal = Principals.Build(Scheme.Name, Principals.SubjectOf(device), device.Name, [Principals.ToGrant(device)], "device");
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
