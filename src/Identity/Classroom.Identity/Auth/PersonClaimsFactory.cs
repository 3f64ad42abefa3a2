using System.Security.Claims;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Classroom.Identity.Auth;

/// <summary>
/// The session cookie's principal: Identity's own claims (id, security stamp) plus the subject,
/// name and grants. Re-run by the security-stamp validator every minute, so a changed grant or a
/// disabled account reaches live sessions quickly.
/// </summary>
public sealed class PersonClaimsFactory(UserManager<Person> users, IOptions<IdentityOptions> options, AccountDbContext db)
    : UserClaimsPrincipalFactory<Person>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Person user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        var grants = user.Disabled ? [] : await Principals.GrantsAsync(db, user.Id, CancellationToken.None).ConfigureAwait(false);
        identity.AddClaims(Principals.Claims(Principals.SubjectOf(user), user.DisplayName, grants, "cookie"));
        return identity;
    }
}
