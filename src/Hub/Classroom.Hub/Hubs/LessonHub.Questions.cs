using Classroom.Hub.Broadcast;
using Classroom.Hub.Protocol;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Hubs;

// Questions: rooms ask and upvote; the teacher marks them answered or dismissed.
public sealed partial class LessonHub
{
    public Task<RecordAck> AskQuestion(QuestionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (binding, room) = RequireOwnRoom(input.LessonId, input.ClassroomId);
        RequireId(input.Id);
        RequireMediaTime(binding, input.MediaTimeMs);
        var record = new QuestionRecord
        {
            Id = input.Id, LessonId = binding.LessonId, ClassroomId = room.ClassroomId, SchoolId = room.SchoolId,
            Text = RequireText(input.Text, "text", MaxTextLength), MediaTimeMs = input.MediaTimeMs, ReceivedAtMs = NowMs,
            Author = binding.Token.Subject,
        };
        // New questions go to staff and the asking room only: at 500 rooms a fan-out of every
        // question to every projector costs 500× the work for noise; rooms pull the list (GetLessonState).
        return StoreAsync(record, r => broadcaster.Enqueue(r.LessonId, nameof(ILessonClient.QuestionAsked),
            c => c.Groups([LessonGroups.Staff(r.LessonId), LessonGroups.Room(r.LessonId, r.ClassroomId)]).QuestionAsked(r.ToView(0))));
    }

    public async Task<RecordAck> UpvoteQuestion(UpvoteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (binding, room) = RequireOwnRoom(input.LessonId, input.ClassroomId);
        RequireId(input.Id);
        var vote = new QuestionVoteRecord
        {
            Id = input.Id, LessonId = binding.LessonId, QuestionId = input.QuestionId, ClassroomId = room.ClassroomId,
            SchoolId = room.SchoolId, ReceivedAtMs = NowMs, Author = binding.Token.Subject,
        };
        var outcome = await writer.RunAsync(async (db, _, ct) =>
        {
            var question = await db.Questions.FindAsync([input.QuestionId], ct).ConfigureAwait(false);
            if (question is null || question.LessonId != binding.LessonId) return null;
            var existing = db.KnownAbsent.Contains(vote.Id) ? null : await db.QuestionVotes.FindAsync([vote.Id], ct).ConfigureAwait(false);
            if (existing is null)
            {
                // One vote per room and question counts; a second vote with a new id is acknowledged, not stored.
                var earlier = db.QuestionVotes.Local.FirstOrDefault(v => v.QuestionId == vote.QuestionId && v.ClassroomId == vote.ClassroomId)
                              ?? await db.QuestionVotes.FirstOrDefaultAsync(v => v.QuestionId == vote.QuestionId && v.ClassroomId == vote.ClassroomId, ct).ConfigureAwait(false);
                if (earlier is not null) return new InsertOutcome<QuestionVoteRecord>(InsertResult.Duplicate, earlier);
            }

            return await RecordInsert.ApplyAsync(db, vote, ct).ConfigureAwait(false);
        }, Context.ConnectionAborted, (typeof(QuestionVoteRecord), vote.Id)).ConfigureAwait(false);
        if (outcome is null) throw HubErrorCodes.Error(HubErrorCodes.NotFound, "questionId");
        return Acknowledge(outcome, v => BroadcastQuestion(v.LessonId, v.QuestionId));
    }

    public async Task SetQuestionStatus(QuestionStatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var binding = RequireTeacher(input.LessonId);
        if (!QuestionStatuses.IsKnown(input.Status)) throw HubErrorCodes.Error(HubErrorCodes.Invalid, "status");
        var found = await writer.RunAsync(async (db, now, ct) =>
        {
            var question = await db.Questions.FindAsync([input.QuestionId], ct).ConfigureAwait(false);
            if (question is null || question.LessonId != binding.LessonId) return false;
            if (question.Status != input.Status) { question.Status = input.Status; question.StatusChangedAtMs = now; }
            return true;
        }, Context.ConnectionAborted).ConfigureAwait(false);
        if (!found) throw HubErrorCodes.Error(HubErrorCodes.NotFound, "questionId");
        BroadcastQuestion(binding.LessonId, input.QuestionId);
    }

    /// <summary>Reads the question with its current vote count after the commit and sends it to the whole lesson.</summary>
    private void BroadcastQuestion(string lessonId, Guid questionId) =>
        broadcaster.Enqueue(lessonId, nameof(ILessonClient.QuestionUpdated), async c =>
        {
            await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
            var q = await db.Questions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == questionId).ConfigureAwait(false);
            if (q is null) return;
            var votes = await db.QuestionVotes.Where(v => v.QuestionId == questionId).Select(v => v.ClassroomId).Distinct().CountAsync().ConfigureAwait(false);
            await c.Group(LessonGroups.Lesson(lessonId)).QuestionUpdated(q.ToView(votes)).ConfigureAwait(false);
        });
}
