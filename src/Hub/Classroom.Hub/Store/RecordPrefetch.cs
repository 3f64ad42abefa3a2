using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Store;

/// <summary>
/// One query per record type for a whole batch (<c>WHERE Id IN (...)</c>) instead of one Find
/// per record: found rows land in the change tracker, missing ids in
/// <see cref="HubDbContext.KnownAbsent"/>, so the idempotency check costs no further round trip.
/// </summary>
internal static class RecordPrefetch
{
    public static async Task LoadAsync(HubDbContext db, IReadOnlyList<StoreOp> ops, CancellationToken ct)
    {
        db.KnownAbsent.Clear();
        foreach (var group in ops.Where(o => o.Prefetch is not null).GroupBy(o => o.Prefetch!.Value.Type))
        {
            var ids = group.Select(o => o.Prefetch!.Value.Id).Distinct().ToList();
            var found = group.Key.Name switch
            {
                nameof(CheckInRecord) => await LoadAsync(db.CheckIns, ids, ct).ConfigureAwait(false),
                nameof(AbsenteeRecord) => await LoadAsync(db.Absentees, ids, ct).ConfigureAwait(false),
                nameof(QuestionRecord) => await LoadAsync(db.Questions, ids, ct).ConfigureAwait(false),
                nameof(QuestionVoteRecord) => await LoadAsync(db.QuestionVotes, ids, ct).ConfigureAwait(false),
                nameof(HandRecord) => await LoadAsync(db.Hands, ids, ct).ConfigureAwait(false),
                nameof(QuizRecord) => await LoadAsync(db.Quizzes, ids, ct).ConfigureAwait(false),
                nameof(QuizAnswerRecord) => await LoadAsync(db.QuizAnswers, ids, ct).ConfigureAwait(false),
                _ => null,
            };
            if (found is null) continue;
            foreach (var id in ids.Except(found)) db.KnownAbsent.Add(id);
        }
    }

    private static async Task<List<Guid>> LoadAsync<T>(DbSet<T> set, List<Guid> ids, CancellationToken ct) where T : class, IHubRecord
    {
        var rows = await set.Where(r => ids.Contains(r.Id)).ToListAsync(ct).ConfigureAwait(false); // tracked on purpose
        return rows.Select(r => r.Id).ToList();
    }
}
