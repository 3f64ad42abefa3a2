using Classroom.Contracts.Access;
using Classroom.Identity.Auth;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Store;

/// <summary>
/// Removing an account, one way for every path that does it (deleting a person in the console, erasing a
/// student): its rows go — the person (name, user name, password, TOTP key), grants, personal access
/// tokens, enrolment codes and Identity's own rows — and the audit rows it wrote keep the subject id as
/// their name (append-only). Then <see cref="Ended"/> ends what is still open: a cookie session on its
/// next request on every node (<see cref="GrantChanges"/>), the join tokens it holds and what they opened
/// in the hub and the relay (<see cref="Revocations"/>).
/// </summary>
public static class AccountRemoval
{
    /// <summary>Deletes the account's rows (in the caller's transaction, if any); the number of person rows deleted (0 or 1).</summary>
    public static async Task<int> DeleteRowsAsync(AccountDbContext db, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var subject = $"person:{id}";
        await db.Audit.Where(a => a.Subject == subject).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, subject), ct).ConfigureAwait(false);
        await db.AccessTokens.Where(t => t.PersonId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.EnrolmentCodes.Where(c => c.PersonId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.UserTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.UserLogins.Where(t => t.UserId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.UserClaims.Where(t => t.UserId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.Grants.Where(g => g.PersonId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        return await db.Users.Where(p => p.Id == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>After the rows are gone: sessions end on their next request, join tokens are refused, hub and media sessions close (two days, as a revoked device).</summary>
    public static void Ended(long id, GrantChanges changes, Revocations revocations, TimeProvider clock, string reason)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(revocations);
        ArgumentNullException.ThrowIfNull(clock);
        changes.Changed(id);
        revocations.Publish(new Revocation($"person:{id}", null, null, clock.GetUtcNow().AddDays(2), reason));
    }
}
