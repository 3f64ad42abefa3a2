using System.Data;
using System.Globalization;
using Classroom.Contracts.Access;
using Classroom.Identity.Access;
using Classroom.Identity.Auth;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Api;

/// <summary>
/// Adding a grant to a person and removing one (docs/admin-people.md "Roles"). The caller must
/// manage the person — the route's <see cref="AccessRule"/> on <see cref="ResourceKind.Person"/>,
/// whose scope is the narrowest one holding all of the person's grants — and must be able to hand
/// out the grant itself, as when creating a person. Neither call may leave the county without a
/// district admin, the caller without their own last admin grant, or a person without any grant.
/// The person's sessions and tokens see the change on their next request.
/// </summary>
public static class PersonGrantEndpoints
{
    private static readonly HashSet<string> AdminRoles = [.. new[] { AccountRole.DistrictAdmin, AccountRole.AllianceAdmin, AccountRole.SchoolAdmin }.Select(AccountRoleNames.ToWire)];

    public static IEndpointRouteBuilder MapPersonGrants(this IEndpointRouteBuilder api)
    {
        api.MapPost("/people/{id:long}/grants", async (long id, PeopleEndpoints.GrantRequest r, HttpContext http, AccountDbContext db, GrantChanges changes, IAuditTrail audit, CancellationToken ct) =>
        {
            var (grant, problem) = await PeopleEndpoints.ResolveGrantAsync(http, r, ct);
            if (problem is not null) return problem;
            var row = new PersonGrant
            {
                PersonId = id, Role = AccountRoleNames.ToWire(grant!.Role), AllianceId = grant.AllianceId, SchoolId = grant.SchoolId,
                ClassroomId = grant.ClassroomId, TeacherId = grant.TeacherId,
            };
            var duplicate = await SerializableWork.RunAsync(db, async ct =>
            {
                if (await db.Grants.AnyAsync(g => g.PersonId == id && g.Role == row.Role && g.AllianceId == row.AllianceId && g.SchoolId == row.SchoolId &&
                                                  g.ClassroomId == row.ClassroomId && g.TeacherId == row.TeacherId, ct))
                    return true;
                db.Grants.Add(row);
                await db.SaveChangesAsync(ct);
                return false;
            }, ct);
            if (duplicate)
                return AccessProblems.Problem(http, StatusCodes.Status409Conflict, "duplicate_grant", "此人已有这个角色。", "This person already has this role.");

            changes.Changed(id);
            var claim = grant.ToClaimValue();
            await audit.RecordAsync("person.grant.add", $"person:{id} grant:{row.Id} {claim}", AuditOutcome.Succeeded, ct);
            return Results.Created($"/api/people/{id}/grants/{row.Id}", new PeopleEndpoints.GrantView(row.Id, claim));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Person))
            .Produces<PeopleEndpoints.GrantView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/people/{id:long}/grants/{grantId:long}", async (long id, long grantId, HttpContext http, AccountDbContext db, GrantChanges changes, IAuditTrail audit, CancellationToken ct) =>
        {
            // Serializable, run again on a serialization failure: of two admins removing the county's last two district-admin
            // roles at once, the second sees the first's removal and gets the 409.
            var (refusal, claim) = await SerializableWork.RunAsync(db, async ct =>
            {
                var row = await db.Grants.FirstOrDefaultAsync(g => g.Id == grantId && g.PersonId == id, ct);
                if (row is null) return (AccessProblems.NotFound(http, ResourceKind.Person, $"{id} grant {grantId}"), "");
                var grant = Principals.ToGrant(row);
                if (!AccessPolicy.Allows(AccessClaims.GrantsOf(http.User), Permission.Manage, ScopeOf(grant)))
                    return (AccessProblems.Forbidden(http, "grant_scope"), "");
                var others = await db.Grants.AsNoTracking().Where(g => g.PersonId == id && g.Id != grantId).ToListAsync(ct);
                if (others.Count == 0)
                    return (AccessProblems.Problem(http, StatusCodes.Status409Conflict, "last_grant",
                        "这是此人唯一的角色，不能移除；要停止其访问，请停用账号。", "This is the person's only role and cannot be removed; to end their access, disable the account."), "");
                var district = AccountRoleNames.ToWire(AccountRole.DistrictAdmin);
                if (grant.Role == AccountRole.DistrictAdmin && !others.Any(g => g.Role == district) && !await DistrictAdmins.AnotherEnabledAsync(db, id, ct))
                    return (AccessProblems.Problem(http, StatusCodes.Status409Conflict, "last_district_admin",
                        "这是全县唯一的区县管理员角色，不能移除：请先给另一位在用的账号授予区县管理员。",
                        "This is the district's only district-admin role and cannot be removed: first make another active account a district admin."), "");
                if (AccessClaims.SubjectOf(http.User) == $"person:{id}" && AdminRoles.Contains(row.Role) && !others.Any(g => AdminRoles.Contains(g.Role)))
                    return (AccessProblems.Problem(http, StatusCodes.Status409Conflict, "own_last_admin",
                        "不能移除您自己最后一个管理员角色，否则您将无法再管理。请让另一位管理员操作。",
                        "You cannot remove your own last admin role: you would lock yourself out. Ask another admin to do it."), "");
                db.Grants.Remove(row);
                await db.SaveChangesAsync(ct);
                return ((IResult?)null, grant.ToClaimValue());
            }, ct);
            if (refusal is not null) return refusal;

            changes.Changed(id);
            await audit.RecordAsync("person.grant.remove", $"person:{id} grant:{grantId} {claim}", AuditOutcome.Succeeded, ct);
            return Results.NoContent();
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Person))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    /// <summary>Where a stored grant lies, for "could the caller hand it out": what <see cref="PeopleEndpoints.ResolveGrantAsync"/> resolved when it was made.</summary>
    internal static ResourceScope ScopeOf(Grant g) =>
        g.Role == AccountRole.DistrictAdmin || (g.AllianceId is null && g.SchoolId is null) ? ResourceScope.County : new ResourceScope(g.AllianceId, g.SchoolId, g.ClassroomId, g.TeacherId);
}
