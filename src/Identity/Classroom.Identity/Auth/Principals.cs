using System.Security.Claims;
using Classroom.Contracts.Access;
using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Auth;

/// <summary>Builds the claims every component reads (<see cref="AccessClaims"/>) for people and devices.</summary>
public static class Principals
{
    public static string SubjectOf(Person person) => $"person:{person.Id}";

    public static string SubjectOf(Device device) => $"device:{device.Id}";

    public static Grant ToGrant(PersonGrant g) =>
        new(AccountRoleNames.TryParse(g.Role, out var role) ? role : throw new InvalidOperationException("unknown role " + g.Role),
            g.AllianceId, g.SchoolId, g.ClassroomId, g.TeacherId);

    public static Grant ToGrant(Device d) => new(AccountRole.Device, d.AllianceId, d.SchoolId, d.ClassroomId, null, d.StudioId);

    public static async Task<IReadOnlyList<Grant>> GrantsAsync(AccountDbContext db, long personId, CancellationToken ct) =>
        (await db.Grants.AsNoTracking().Where(g => g.PersonId == personId).ToListAsync(ct)).Select(ToGrant).ToList();

    public static IEnumerable<Claim> Claims(string subject, string name, IEnumerable<Grant> grants, string method)
    {
        yield return new Claim(AccessClaims.Subject, subject);
        yield return new Claim(AccessClaims.Name, name);
        yield return new Claim(AccessClaims.Method, method);
        foreach (var g in grants) yield return new Claim(AccessClaims.Grant, g.ToClaimValue());
    }

    public static ClaimsPrincipal Build(string scheme, string subject, string name, IEnumerable<Grant> grants, string method) =>
        new(new ClaimsIdentity(Claims(subject, name, grants, method), scheme, AccessClaims.Name, null));
}
