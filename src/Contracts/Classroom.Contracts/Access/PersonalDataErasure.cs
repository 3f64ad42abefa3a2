namespace Classroom.Contracts.Access;

/// <summary>
/// Erases one student from every store of this process (each registered <see cref="IPersonalDataEraser"/>).
/// Every store is tried even when one fails, so a failure leaves the least behind; the failures are
/// then thrown together and the caller runs the erasure again (each eraser is idempotent).
/// </summary>
public sealed class PersonalDataErasure(IEnumerable<IPersonalDataEraser> erasers)
{
    /// <summary>Runs every store's eraser; returns rows changed per <see cref="IPersonalDataEraser.Store"/>.</summary>
    /// <param name="skipStores">Stores left out: deleting an account erases the replay by the account's subject, exactly, instead of
    /// by name (a same-named classmate's records stay).</param>
    public async Task<IReadOnlyDictionary<string, int>> EraseStudentAsync(long schoolId, string schoolStudentId, string displayName, CancellationToken ct,
        IReadOnlyCollection<string>? skipStores = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schoolStudentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        List<Exception>? failures = null;
        foreach (var eraser in erasers.Where(e => skipStores is null || !skipStores.Contains(e.Store)))
        {
            try
            {
                var erased = await eraser.EraseStudentAsync(schoolId, schoolStudentId.Trim(), displayName.Trim(), ct).ConfigureAwait(false);
                counts[eraser.Store] = counts.GetValueOrDefault(eraser.Store) + erased;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                (failures ??= []).Add(new InvalidOperationException($"Erasing from {eraser.Store} failed.", e));
            }
        }

        if (failures is not null) throw new AggregateException("Erasure did not reach every store; run it again.", failures);
        return counts;
    }
}
