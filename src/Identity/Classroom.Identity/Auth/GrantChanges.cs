using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Classroom.Identity.Auth;

/// <summary>
/// People whose grants changed a moment ago (docs/admin-people.md "Roles"). The session cookie
/// caches a person's grants and the security-stamp validator re-reads them only once a minute;
/// a cookie issued before a recorded change is re-validated on its next request instead, so an
/// added or removed grant holds at once without signing the person out. An entry is needed for
/// one validation interval only: after that every older cookie is re-validated anyway.
/// In-process, like <see cref="Classroom.Contracts.Access.Revocations"/>: another identity node
/// would catch up within the interval.
/// </summary>
public sealed class GrantChanges(TimeProvider clock, IOptions<SecurityStampValidatorOptions> stamp)
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _changed = new();

    public void Changed(long personId)
    {
        var now = clock.GetUtcNow();
        _changed[personId] = now;
        foreach (var (id, at) in _changed)
            if (now - at > stamp.Value.ValidationInterval) _changed.TryRemove(new KeyValuePair<long, DateTimeOffset>(id, at));
    }

    /// <summary>True when the person's grants changed at or after <paramref name="issued"/> (cookie times are whole seconds, hence "at or after").</summary>
    public bool ChangedSince(long personId, DateTimeOffset? issued) =>
        issued is { } at && _changed.TryGetValue(personId, out var changed) && changed >= at;

    /// <summary>The cookie's principal check: a session issued before its person's grants changed is validated now, else the security-stamp validator's usual interval.</summary>
    public static Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subject = Classroom.Contracts.Access.AccessClaims.SubjectOf(context.Principal);
        if (subject is not null && subject.StartsWith("person:", StringComparison.Ordinal) &&
            long.TryParse(subject.AsSpan("person:".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) &&
            context.HttpContext.RequestServices.GetService<GrantChanges>()?.ChangedSince(id, context.Properties.IssuedUtc) == true)
            context.Properties.IssuedUtc = null; // the validator validates a ticket without an issue time at once
        return SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
