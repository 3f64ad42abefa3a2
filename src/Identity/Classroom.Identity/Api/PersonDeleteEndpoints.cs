using System.Data;
using Classroom.Contracts.Access;
using Classroom.Identity.Access;
using Classroom.Identity.Audit;
using Classroom.Identity.Auth;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Classroom.Identity.Api;

/// <summary>
/// Deleting a person (docs/admin-people.md "Deleting a person"). The caller must manage the person
/// (the route's <see cref="AccessRule"/> on <see cref="ResourceKind.Person"/>, as for their grants);
/// nobody deletes themselves, and the county's last enabled district admin stays. What goes: the
/// account row (name, user name — freed —, password, TOTP, phone, e-mail), its grants, tokens and
/// enrolment codes; its audit rows stay (append-only) with the name replaced by the subject id; every
/// other store erases what it keeps under the subject (<see cref="IPersonRecordsEraser"/>), and for a
/// student the per-student erasure (roster entry, absentee names, replay records) runs too. Live
/// sessions end on their next request; hub and media sessions are closed by a revocation.
/// </summary>
public static class PersonDeleteEndpoints
{
    public static IEndpointRouteBuilder MapPersonDelete(this IEndpointRouteBuilder api)
    {
        api.MapDelete("/people/{id:long}", async (long id, HttpContext http, AccountDbContext db, GrantChanges changes, Revocations revocations, TimeProvider clock,
            IAuditTrail audit, ILogger<AccountOptions> logger, CancellationToken ct) =>
        {
            var subject = $"person:{id}";
            if (AccessClaims.SubjectOf(http.User) == subject)
                return AccessProblems.Problem(http, StatusCodes.Status409Conflict, "own_account",
                    "不能删除您自己的账号。请让另一位管理员操作。", "You cannot delete your own account. Ask another admin to do it.");
            var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null) return AccessProblems.NotFound(http, ResourceKind.Person, subject);
            var grants = await db.Grants.AsNoTracking().Where(g => g.PersonId == id).OrderBy(g => g.Id).ToListAsync(ct);

            // First the no-lockout check, where it is written: the account is disabled (a new stamp ends its sessions) before
            // anything is erased, so of two admins deleting each other at once (the last two district admins) the second —
            // run again after PostgreSQL's serialization failure — sees the first disabled and is refused, with nothing erased.
            var last = await SerializableWork.RunAsync(db, async ct =>
            {
                if (await DistrictAdmins.IsLastAsync(db, id, ct)) return true;
                await db.Users.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Disabled, true)
                    .SetProperty(p => p.SecurityStamp, Guid.NewGuid().ToString("N")).SetProperty(p => p.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
                return false;
            }, ct);
            if (last) return LastDistrictAdmin(http);
            changes.Changed(id);

            // Other stores next: if one fails, the account is still there (disabled) and the admin can try again.
            try
            {
                foreach (var eraser in http.RequestServices.GetServices<IPersonRecordsEraser>())
                    await eraser.ErasePersonAsync(subject, ct);
                var student = AccountRoleNames.ToWire(AccountRole.Student);
                var erasure = http.RequestServices.GetService<PersonalDataErasure>();
                // The replay's records went by the account's subject above; its by-name erasure would also take a same-named classmate's.
                if (erasure is not null && !string.IsNullOrWhiteSpace(person.UserName) && !string.IsNullOrWhiteSpace(person.DisplayName))
                    foreach (var school in grants.Where(g => g.Role == student && g.SchoolId is not null).Select(g => g.SchoolId!.Value).Distinct())
                        await erasure.EraseStudentAsync(school, person.UserName, person.DisplayName, ct, skipStores: ["hub.replay"]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                IdentityLog.PersonErasureFailed(logger, id, e);
                return AccessProblems.Problem(http, StatusCodes.Status500InternalServerError, "erasure_incomplete",
                    "账号已停用，但未能从所有数据中抹去此人，尚未删除。请稍后再试。", "The account is disabled, but the person could not be erased from every store and is not deleted yet. Try again later.");
            }

            // Rows the person's own last requests queued are written before their name is replaced, and once more after the
            // account is gone (a request still in flight may have queued one in between).
            var writer = http.RequestServices.GetService<AuditWriter>();
            if (writer is not null) await writer.FlushAsync(ct);
            await SerializableWork.RunAsync(db, ct => AccountRemoval.DeleteRowsAsync(db, id, ct), ct);
            if (writer is not null)
            {
                await writer.FlushAsync(ct);
                await db.Audit.Where(a => a.Subject == subject && a.Name != subject).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, subject), ct);
            }

            // The cookie of a live session is re-validated on its next request (the person is gone: 401);
            // join tokens the person holds are refused and what they opened in the hub and relay closes.
            AccountRemoval.Ended(id, changes, revocations, clock, "person deleted");
            var roles = string.Join(' ', grants.Select(g => Principals.ToGrant(g).ToClaimValue()));
            await audit.RecordAsync("person.delete", $"{subject} {roles}".Trim(), AuditOutcome.Succeeded, ct);
            return Results.NoContent();
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Person))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        return api;
    }

    private static IResult LastDistrictAdmin(HttpContext http) => AccessProblems.Problem(http, StatusCodes.Status409Conflict, "last_district_admin",
        "此人是全县唯一在用的区县管理员，不能删除：请先给另一位在用的账号授予区县管理员。",
        "This person is the district's only active district admin and cannot be deleted: first make another active account a district admin.");
}
