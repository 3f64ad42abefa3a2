using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Identity.Auth;

/// <summary>
/// A person signing in on an enrolled studio or classroom PC (its device cookie is in the browser) uses a shared
/// machine: the session ends <see cref="Length"/> after sign-in, in use or not, so a teacher who forgets to sign out
/// does not leave their console to whoever comes next (docs/security.md "Sessions on a shared PC"). The end is kept in
/// the ticket and checked on every request against the server's clock; elsewhere sessions slide as before.
/// </summary>
public static class SharedPcSession
{
    /// <summary>Two lessons and the break between them, not the school day.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(2);

    private const string UntilKey = "classroom.shared-pc-until";

    /// <summary>The sign-in's properties: for a browser holding a device credential, a session that ends at a fixed time and never slides.</summary>
    public static AuthenticationProperties? PropertiesFor(HttpContext http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        if (!http.Request.Cookies.ContainsKey(AuthSchemes.DeviceCookie)) return null;
        var until = clock.GetUtcNow().Add(Length);
        var properties = new AuthenticationProperties { IsPersistent = false, AllowRefresh = false, ExpiresUtc = until };
        properties.Items[UntilKey] = until.ToString("O", CultureInfo.InvariantCulture);
        return properties;
    }

    /// <summary>Whether this cookie is a shared PC's session past its end (the server's clock, as everywhere else).</summary>
    public static bool IsOver(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Properties.Items.TryGetValue(UntilKey, out var text) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until)) return false;
        var clock = context.HttpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        return clock.GetUtcNow() >= until;
    }
}
