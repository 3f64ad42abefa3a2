using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Classroom.Identity.Auth;

/// <summary>
/// People whose grants or account changed a moment ago (docs/admin-people.md "Roles"). The session
/// cookie caches a person's grants and the security-stamp validator re-reads them only once a
/// minute; a cookie issued before a recorded change is re-validated on its next request instead, so
/// an added or removed grant holds at once without signing the person out, and a disabled, reset or
/// deleted account's session ends at once. An entry is needed for one validation interval only:
/// after that every older cookie is re-validated anyway.
/// With Redis configured, <see cref="GrantChangeRelay"/> publishes each change to the other identity
/// nodes, which record it with the publishing node's time; without Redis, or while Redis is
/// unreachable, another node catches up within the interval.
/// </summary>
public sealed class GrantChanges(TimeProvider clock, IOptions<SecurityStampValidatorOptions> stamp)
{
    /// <summary>
    /// A change counts for cookies issued up to this long after it: another node's clock may be
    /// slightly behind this one's (docs/security.md "Grant changes across nodes"). Also the most a
    /// remote change's time may lie in this node's future.
    /// </summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(5);

    /// <summary>At most this many people are remembered; beyond it the oldest tenth goes (those sessions fall back to the interval).</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<long, DateTimeOffset> _changed = new();
    private readonly Lock _prune = new();
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;
    private Action<long, DateTimeOffset>? _publish;

    /// <summary>How many people are remembered now (for tests and diagnostics).</summary>
    public int Count => _changed.Count;

    /// <summary>Records that the person's grants or account changed now, here and (with Redis) on every other node.</summary>
    public void Changed(long personId)
    {
        var now = clock.GetUtcNow();
        Record(personId, now);
        _publish?.Invoke(personId, now);
    }

    /// <summary>Records a change at <paramref name="at"/> (another node's time); a time in the future beyond the margin is taken as now + margin.</summary>
    public void Record(long personId, DateTimeOffset at)
    {
        var now = clock.GetUtcNow();
        if (at > now + ClockMargin) at = now + ClockMargin;
        if (now - at > stamp.Value.ValidationInterval + ClockMargin) return; // older than any cookie it could still concern
        _changed.AddOrUpdate(personId, at, (_, old) => old > at ? old : at);
        Prune(now);
    }

    /// <summary>True when the person's grants changed at or after <paramref name="issued"/> less the clock margin (cookie times are whole seconds, hence "at or after").</summary>
    public bool ChangedSince(long personId, DateTimeOffset? issued) =>
        issued is { } at && _changed.TryGetValue(personId, out var changed) && changed >= at - ClockMargin;

    /// <summary>Set once by <see cref="GrantChangeRelay"/> when Redis is configured.</summary>
    internal void PublishWith(Action<long, DateTimeOffset> publish) => _publish = publish;

    private void Prune(DateTimeOffset now)
    {
        var over = _changed.Count > MaxEntries;
        if (!over && now - _prunedAt < TimeSpan.FromSeconds(1) && now >= _prunedAt) return;
        lock (_prune)
        {
            _prunedAt = now;
            var keep = stamp.Value.ValidationInterval + ClockMargin;
            foreach (var (id, at) in _changed)
                if (now - at > keep) _changed.TryRemove(new KeyValuePair<long, DateTimeOffset>(id, at));
            if (_changed.Count <= MaxEntries) return;
            // Down to nine tenths, so that a flood sorts the map once per thousands of changes, not on each.
            foreach (var (id, at) in _changed.OrderBy(e => e.Value).Take(_changed.Count - MaxEntries * 9 / 10).ToList())
                _changed.TryRemove(new KeyValuePair<long, DateTimeOffset>(id, at));
        }
    }

    /// <summary>The cookie's principal check: a session issued before its person's grants changed is validated now, else the security-stamp validator's usual interval.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SharedPcSession.IsOver(context))
        {
            // A session on a shared (device-enrolled) PC is over: signed out; the browser is the device again.
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
            return;
        }

        var subject = Classroom.Contracts.Access.AccessClaims.SubjectOf(context.Principal);
        var issued = context.Properties.IssuedUtc;
        var now = subject is not null && subject.StartsWith("person:", StringComparison.Ordinal) &&
            long.TryParse(subject.AsSpan("person:".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) &&
            context.HttpContext.RequestServices.GetService<GrantChanges>()?.ChangedSince(id, issued) == true;
        if (now) context.Properties.IssuedUtc = null; // the validator validates a ticket without an issue time at once
        await SecurityStampValidator.ValidatePrincipalAsync(context).ConfigureAwait(false);
        // Validated and kept: give the issue time back, so that the cookie handler renews the cookie
        // (issued now, after the change) instead of re-validating it on every request until the entry goes.
        if (now && context.Principal is not null && context.Properties.IssuedUtc is null) context.Properties.IssuedUtc = issued;
    }
}
