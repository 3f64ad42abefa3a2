using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Recordings;

/// <summary>Writes and reads of the replay interaction.</summary>
public sealed class ReplayStore(IDbContextFactory<HubDbContext> contexts, TimeProvider time)
{
    public enum Outcome { Created, Duplicate, Conflict }

    public async Task<ProgressView> SaveProgressAsync(RecordingRecord recording, string subject, long? classroomId, string studentName, long positionMs, long watchedMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recording);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var view = await db.RecordingViews.FindAsync([recording.Id, subject], ct).ConfigureAwait(false);
            if (view is null)
            {
                view = new RecordingViewRecord { RecordingId = recording.Id, Subject = subject, LessonId = recording.LessonId };
                db.RecordingViews.Add(view);
            }

            view.ClassroomId = classroomId;
            view.StudentName = studentName.Length > 100 ? studentName[..100] : studentName;
            view.PositionMs = positionMs;
            view.WatchedMs += watchedMs;
            view.UpdatedAtMs = now;
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return new ProgressView(view.PositionMs, view.WatchedMs, RecordingQueries.At(now));
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two reports of one viewer raced to insert the first row: the second adds to it.
            }
        }
    }

    public async Task<(ReplayQuestionView? Question, Outcome Outcome)> AskAsync(RecordingRecord recording, RecordingRoomRecord room, string author, Guid id, string text, long mediaTimeMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(room);
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var existing = await db.ReplayQuestions.FindAsync([id], ct).ConfigureAwait(false);
        if (existing is not null)
            return existing.RecordingId == recording.Id && existing.Author == author ? (RecordingQueries.Question(existing), Outcome.Duplicate) : (null, Outcome.Conflict);
        var q = new ReplayQuestionRecord
        {
            Id = id, RecordingId = recording.Id, LessonId = recording.LessonId, ClassroomId = room.ClassroomId, SchoolId = room.SchoolId,
            Author = author, Text = text, MediaTimeMs = mediaTimeMs, AskedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.ReplayQuestions.Add(q);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (RecordingQueries.Question(q), Outcome.Created);
    }

    public async Task<IReadOnlyList<ReplayQuestionView>> QuestionsAsync(string recordingId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        return (await db.ReplayQuestions.AsNoTracking().Where(q => q.RecordingId == recordingId).OrderBy(q => q.MediaTimeMs).ThenBy(q => q.AskedAtMs)
            .ToListAsync(ct).ConfigureAwait(false)).Select(RecordingQueries.Question).ToList();
    }

    public async Task<IReadOnlyList<ReplayQuestionView>> OfTeachersAsync(IReadOnlyList<long> teacherIds, bool unansweredOnly, CancellationToken ct)
    {
        if (teacherIds.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var query = from q in db.ReplayQuestions.AsNoTracking()
                    join r in db.Recordings.AsNoTracking() on q.RecordingId equals r.Id
                    where r.TeacherId != null && teacherIds.Contains(r.TeacherId.Value) && r.State != RecordingStates.Deleted
                    select q;
        if (unansweredOnly) query = query.Where(q => q.AnsweredAtMs == null);
        return (await query.OrderBy(q => q.AskedAtMs).Take(500).ToListAsync(ct).ConfigureAwait(false)).Select(RecordingQueries.Question).ToList();
    }

    public async Task<ReplayQuestionView?> AnswerAsync(string recordingId, Guid questionId, string text, string by, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var q = await db.ReplayQuestions.FirstOrDefaultAsync(x => x.Id == questionId && x.RecordingId == recordingId, ct).ConfigureAwait(false);
        if (q is null) return null;
        q.Answer = text;
        q.AnsweredAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        q.AnsweredBy = by;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return RecordingQueries.Question(q);
    }
}
