using Classroom.Contracts.Access;
using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Privacy;

/// <summary>
/// The identity store's part of erasing a student: the student's sign-in account (a person whose
/// student grant is in that school and whose user name is the school's student id, the convention
/// docs/privacy.md gives for student accounts) is removed as every account is (<see cref="AccountRemoval"/>), its open sessions ended. Audit rows
/// stay (append-only) but lose the student's display name, which becomes the subject id.
/// </summary>
public sealed class StudentAccountEraser(AccountDbContext db, Auth.GrantChanges changes, Revocations revocations, TimeProvider clock) : IPersonalDataEraser
{
    public string Store => "identity.students";

    public async Task<int> EraseStudentAsync(long schoolId, string schoolStudentId, string displayName, CancellationToken ct)
    {
        var student = AccountRoleNames.ToWire(AccountRole.Student);
        var ids = await db.Users.Where(p => p.UserName == schoolStudentId &&
                                            db.Grants.Any(g => g.PersonId == p.Id && g.Role == student && g.SchoolId == schoolId))
            .Select(p => p.Id).ToListAsync(ct).ConfigureAwait(false);
        foreach (var id in ids)
        {
            await AccountRemoval.DeleteRowsAsync(db, id, ct).ConfigureAwait(false);
            AccountRemoval.Ended(id, changes, revocations, clock, "student erased"); // a live session or lesson of the student ends now
        }

        return ids.Count;
    }
}
