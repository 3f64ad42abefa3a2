using Classroom.Contracts.Access;
using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Privacy;

/// <summary>
/// The identity store's part of erasing a student: the student's sign-in account (a person whose
/// student grant is in that school and whose user name is the school's student id, the convention
/// docs/privacy.md gives for student accounts) is deleted with its grants and tokens. Audit rows
/// stay (append-only) but lose the student's display name, which becomes the subject id.
/// </summary>
public sealed class StudentAccountEraser(AccountDbContext db) : IPersonalDataEraser
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
            var subject = $"person:{id}";
            await db.Audit.Where(a => a.Subject == subject).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, subject), ct).ConfigureAwait(false);
            await db.AccessTokens.Where(t => t.PersonId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            await db.EnrolmentCodes.Where(c => c.PersonId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            await db.Users.Where(p => p.Id == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        }

        return ids.Count;
    }
}
