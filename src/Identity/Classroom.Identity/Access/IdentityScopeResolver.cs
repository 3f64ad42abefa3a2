using System.Globalization;
using Classroom.Contracts.Access;
using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Access;

/// <summary>Scopes of the identity component's own resources: a device belongs to its school; a person to the scope of their grants (the narrowest one).</summary>
public sealed class IdentityScopeResolver(AccountDbContext db) : IResourceScopeResolver
{
    public IReadOnlyCollection<ResourceKind> Kinds { get; } = [ResourceKind.Device, ResourceKind.Person];

    public async ValueTask<ResourceScope?> ResolveAsync(ResourceKind kind, string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key)) return null;
        if (kind == ResourceKind.Device)
        {
            var d = await db.Devices.AsNoTracking().FirstOrDefaultAsync(x => x.Id == key, cancellationToken).ConfigureAwait(false);
            return d is null ? null : new ResourceScope(d.AllianceId, d.SchoolId, d.ClassroomId);
        }

        var person = await db.Users.AsNoTracking().AnyAsync(p => p.Id == key, cancellationToken).ConfigureAwait(false);
        if (!person) return null;
        var grants = await db.Grants.AsNoTracking().Where(g => g.PersonId == key).ToListAsync(cancellationToken).ConfigureAwait(false);
        // A person with a county-wide grant, or grants in several alliances, is county scope: only district admins manage them.
        var alliances = grants.Select(g => g.AllianceId).Distinct().ToList();
        if (grants.Count == 0 || alliances.Count != 1 || alliances[0] is null) return grants.Count == 0 ? new ResourceScope(null, null) : ResourceScope.County;
        var schools = grants.Select(g => g.SchoolId).Distinct().ToList();
        return new ResourceScope(alliances[0], schools.Count == 1 ? schools[0] : null);
    }
}
