using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Recordings;

/// <summary>
/// The hub's part of deleting an account (docs/admin-people.md "Deleting a person"): the person's
/// replay watch records (their place in a recording, and for a student their encrypted name and
/// class) are deleted; their evaluation sheets and comments stay — the teacher and the school's
/// researchers still need them — but the evaluator's name becomes the erased-name marker <c>—</c>.
/// Questions asked on a replay stay: they carry the class, never a name, and the teacher's answer
/// is for that class. Live lesson records name rooms and devices, not people.
/// </summary>
public sealed class PersonRecordsEraser(IDbContextFactory<HubDbContext> contexts) : IPersonRecordsEraser
{
    private const string Erased = RetentionJob.ErasedName;

    public string Store => "hub";

    public async Task<int> ErasePersonAsync(string subject, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var erased = await db.RecordingViews.Where(v => v.Subject == subject).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        erased += await db.EvaluationSheets.Where(s => s.Evaluator == subject && s.EvaluatorName != Erased)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EvaluatorName, Erased), ct).ConfigureAwait(false);
        erased += await db.EvaluationComments.Where(c => c.Evaluator == subject && c.EvaluatorName != Erased)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EvaluatorName, Erased), ct).ConfigureAwait(false);
        return erased;
    }
}
