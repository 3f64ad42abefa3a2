using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Store;

/// <summary>
/// A check-then-write on the accounts (the county's last district admin, a person's last role) in a
/// serializable transaction. When two admins act at once, PostgreSQL lets one commit and fails the
/// other with a serialization failure (SQLSTATE 40001); that one is run again from the start on fresh
/// reads — so it sees the other's change and answers with its usual refusal (a 409), never a 500.
/// SQLite runs one writer at a time and never fails this way.
/// </summary>
public static class SerializableWork
{
    /// <summary>Tries a conflicting transaction this many times in all before the failure is let through.</summary>
    public const int Attempts = 4;

    /// <summary>Runs <paramref name="work"/> in a serializable transaction and commits it (also when it only read and refused).</summary>
    public static async Task<T> RunAsync<T>(DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct).ConfigureAwait(false);
                var result = await work(ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return result;
            }
            catch (Exception e) when (attempt < Attempts && IsSerializationFailure(e))
            {
                db.ChangeTracker.Clear(); // what the failed attempt added or removed is not carried into the next
            }
        }
    }

    /// <summary>SQLSTATE 40001 (serialization_failure) or 40P01 (deadlock_detected), possibly wrapped by EF Core.</summary>
    public static bool IsSerializationFailure(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is DbException { SqlState: "40001" or "40P01" }) return true;
        return false;
    }
}
