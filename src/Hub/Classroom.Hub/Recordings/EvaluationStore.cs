using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Recordings;

/// <summary>Writes and reads of lesson evaluations (评课): score sheets and timestamped comments on a recording.</summary>
public sealed class EvaluationStore(IDbContextFactory<HubDbContext> contexts, TimeProvider time)
{
    public enum Outcome { Created, Duplicate, Conflict }

    public async Task<EvaluationSheetView> SaveSheetAsync(RecordingRecord recording, string evaluator, string name, IReadOnlyList<int?> scores, string summary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recording);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            var sheet = await db.EvaluationSheets.FindAsync([recording.Id, evaluator], ct).ConfigureAwait(false);
            if (sheet is null)
            {
                sheet = new EvaluationSheetRecord { RecordingId = recording.Id, Evaluator = evaluator, LessonId = recording.LessonId };
                db.EvaluationSheets.Add(sheet);
            }

            sheet.EvaluatorName = Bounded(name, 100);
            sheet.Scores = EvaluationRubric.Store(scores);
            sheet.Summary = summary;
            sheet.UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return Sheet(sheet, evaluator);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two saves of one evaluator raced to insert the first row: the second updates it.
            }
        }
    }

    public async Task<(EvaluationCommentView? Comment, Outcome Outcome)> CommentAsync(RecordingRecord recording, string evaluator, string name, Guid id, long mediaTimeMs, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recording);
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var existing = await db.EvaluationComments.FindAsync([id], ct).ConfigureAwait(false);
        if (existing is not null)
            return existing.RecordingId == recording.Id && existing.Evaluator == evaluator ? (Comment(existing, evaluator), Outcome.Duplicate) : (null, Outcome.Conflict);
        var c = new EvaluationCommentRecord
        {
            Id = id, RecordingId = recording.Id, LessonId = recording.LessonId, Evaluator = evaluator, EvaluatorName = Bounded(name, 100),
            MediaTimeMs = mediaTimeMs, Text = text, CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.EvaluationComments.Add(c);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (Comment(c, evaluator), Outcome.Created);
    }

    /// <summary>Deletes one of the evaluator's own comments; false when there is none of theirs with that id.</summary>
    public async Task<bool> DeleteCommentAsync(string recordingId, Guid id, string evaluator, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.EvaluationComments.Where(c => c.Id == id && c.RecordingId == recordingId && c.Evaluator == evaluator)
            .ExecuteDeleteAsync(ct).ConfigureAwait(false) > 0;
    }

    public async Task<(IReadOnlyList<EvaluationSheetView> Sheets, IReadOnlyList<EvaluationCommentView> Comments)> OfRecordingAsync(string recordingId, string? caller, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var sheets = await db.EvaluationSheets.AsNoTracking().Where(s => s.RecordingId == recordingId).OrderBy(s => s.UpdatedAtMs).ToListAsync(ct).ConfigureAwait(false);
        var comments = await db.EvaluationComments.AsNoTracking().Where(c => c.RecordingId == recordingId)
            .OrderBy(c => c.MediaTimeMs).ThenBy(c => c.CreatedAtMs).Take(2000).ToListAsync(ct).ConfigureAwait(false);
        return ([.. sheets.Select(s => Sheet(s, caller))], [.. comments.Select(c => Comment(c, caller))]);
    }

    private static string Bounded(string text, int max) => text.Length > max ? text[..max] : text;

    private static EvaluationSheetView Sheet(EvaluationSheetRecord s, string? caller) =>
        new(s.EvaluatorName, EvaluationRubric.Load(s.Scores), s.Summary, RecordingQueries.At(s.UpdatedAtMs), s.Evaluator == caller);

    private static EvaluationCommentView Comment(EvaluationCommentRecord c, string? caller) =>
        new(c.Id, c.MediaTimeMs, c.Text, c.EvaluatorName, RecordingQueries.At(c.CreatedAtMs), c.Evaluator == caller);
}
