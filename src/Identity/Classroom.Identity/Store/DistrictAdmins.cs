using Classroom.Contracts.Access;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Store;

/// <summary>
/// The no-lockout rule of the county: at least one enabled account keeps the district-admin role, so
/// somebody can always sign in and repair the rest. Checked (inside a serializable transaction) before
/// a district-admin role is removed, and before its holder is disabled or deleted.
/// </summary>
public static class DistrictAdmins
{
    private static readonly string Role = AccountRoleNames.ToWire(AccountRole.DistrictAdmin);

    /// <summary>Whether an enabled account other than <paramref name="personId"/> holds the district-admin role.</summary>
    public static Task<bool> AnotherEnabledAsync(AccountDbContext db, long personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Grants.AsNoTracking().AnyAsync(g => g.Role == Role && g.PersonId != personId && db.Users.Any(p => p.Id == g.PersonId && !p.Disabled), ct);
    }

    /// <summary>Whether the person is an enabled district admin and no other enabled account is one: they must stay.</summary>
    public static async Task<bool> IsLastAsync(AccountDbContext db, long personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var holds = await db.Grants.AsNoTracking().AnyAsync(g => g.PersonId == personId && g.Role == Role && db.Users.Any(p => p.Id == personId && !p.Disabled), ct);
        return holds && !await AnotherEnabledAsync(db, personId, ct);
    }
}
