using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Store;

/// <summary>Idempotent insert on the client-generated id: a second write of the same record is acknowledged again, not stored twice.</summary>
public static class RecordInsert
{
    public static async Task<InsertOutcome<T>> ApplyAsync<T>(HubDbContext db, T record, CancellationToken cancellationToken)
        where T : class, IHubRecord
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        // Find looks at the batch's tracked (added) entities first, then the database.
        var existing = db.KnownAbsent.Remove(record.Id)
            ? db.Set<T>().Local.FirstOrDefault(r => r.Id == record.Id)
            : await db.Set<T>().FindAsync([record.Id], cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            db.Add(record);
            return new InsertOutcome<T>(InsertResult.Stored, record);
        }

        var same = string.Equals(existing.Author, record.Author, StringComparison.Ordinal) &&
                   string.Equals(existing.LessonId, record.LessonId, StringComparison.Ordinal);
        return new InsertOutcome<T>(same ? InsertResult.Duplicate : InsertResult.Conflict, existing);
    }
}

public enum InsertResult
{
    Stored,
    Duplicate,
    Conflict,
}

/// <summary>What happened to a record, and the stored copy (the first one, for duplicates).</summary>
public sealed record InsertOutcome<T>(InsertResult Result, T Record);
