namespace Classroom.Contracts.Access;

/// <summary>
/// A store's part of deleting a person's account (<c>DELETE /api/people/{id}</c>, docs/admin-people.md
/// "Deleting a person"): what the store keeps under the person's subject (<c>person:{id}</c>) that
/// names them or is theirs alone is erased; records other people need stay, without the name.
/// Idempotent: running it again changes nothing.
/// </summary>
public interface IPersonRecordsEraser
{
    /// <summary>Short name of the store for logs and tests, e.g. "hub.evaluations".</summary>
    string Store { get; }

    /// <summary>Erases the person's name and own records in this store; returns the rows changed.</summary>
    Task<int> ErasePersonAsync(string subject, CancellationToken ct);
}
