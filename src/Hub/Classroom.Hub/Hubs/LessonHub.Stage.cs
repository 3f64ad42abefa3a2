using Classroom.Hub.Broadcast;
using Classroom.Hub.Protocol;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Hubs;

// On stage: rooms raise hands; the teacher brings a room on stage (minting its publish token) and takes it off.
public sealed partial class LessonHub
{
    public async Task<RecordAck> RaiseHand(HandInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (binding, room) = RequireOwnRoom(input.LessonId, input.ClassroomId);
        RequireId(input.Id);
        RequireMediaTime(binding, input.MediaTimeMs);
        var hand = new HandRecord
        {
            Id = input.Id, LessonId = binding.LessonId, ClassroomId = room.ClassroomId, SchoolId = room.SchoolId,
            MediaTimeMs = input.MediaTimeMs, ReceivedAtMs = NowMs, Author = binding.Token.Subject,
        };
        var outcome = await writer.RunAsync(async (db, _, ct) =>
        {
            var existing = db.KnownAbsent.Contains(hand.Id) ? null : await db.Hands.FindAsync([hand.Id], ct).ConfigureAwait(false);
            if (existing is null)
            {
                // A room holds at most one place in the queue.
                var waiting = await db.Hands.FirstOrDefaultAsync(h => h.LessonId == hand.LessonId && h.ClassroomId == hand.ClassroomId && h.State == HandStates.Waiting, ct).ConfigureAwait(false);
                if (waiting is not null) return new InsertOutcome<HandRecord>(InsertResult.Duplicate, waiting);
            }

            return await RecordInsert.ApplyAsync(db, hand, ct).ConfigureAwait(false);
        }, Context.ConnectionAborted, (typeof(HandRecord), hand.Id)).ConfigureAwait(false);
        return Acknowledge(outcome, h => BroadcastStage(h.LessonId));
    }

    public async Task LowerHand(LowerHandInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (binding, room) = RequireOwnRoom(input.LessonId, input.ClassroomId);
        var found = await writer.RunAsync(async (db, now, ct) =>
        {
            var hand = await db.Hands.FindAsync([input.HandId], ct).ConfigureAwait(false);
            if (hand is null || hand.LessonId != binding.LessonId || hand.ClassroomId != room.ClassroomId) return false;
            if (hand.State == HandStates.Waiting) { hand.State = HandStates.Lowered; hand.ClosedAtMs = now; }
            return true;
        }, Context.ConnectionAborted).ConfigureAwait(false);
        if (!found) throw HubErrorCodes.Error(HubErrorCodes.NotFound, "handId");
        BroadcastStage(binding.LessonId);
    }

    /// <summary>Brings a paired room on stage: asks the scheduler for the room's publish token, records the call, sends the grant to the room and returns it.</summary>
    public async Task<StageGrantView> BringOnStage(StageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var binding = RequireTeacher(input.LessonId);
        var room = binding.Roster.Rooms.FirstOrDefault(r => r.ClassroomId == input.ClassroomId)
                   ?? throw HubErrorCodes.Error(HubErrorCodes.NotFound, "classroomId");
        Stage.StageToken token;
        try
        {
            token = await stageTokens.IssueAsync(binding.LessonId, room.ClassroomId, binding.Caller.RawToken, Context.ConnectionAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            HubLog.StageTokenFailed(logger, room.ClassroomId, binding.LessonId, e.Message);
            throw HubErrorCodes.Error(HubErrorCodes.Unavailable, "stage token");
        }

        await writer.RunAsync(async (db, now, ct) =>
        {
            var onStage = await db.StageCalls.AnyAsync(c => c.LessonId == binding.LessonId && c.ClassroomId == room.ClassroomId && c.EndedAtMs == null, ct).ConfigureAwait(false);
            if (!onStage)
            {
                db.StageCalls.Add(new StageCallRecord
                {
                    Id = Guid.NewGuid(), LessonId = binding.LessonId, ClassroomId = room.ClassroomId, SchoolId = room.SchoolId,
                    CalledAtMs = now, Author = binding.Token.Subject,
                });
            }

            var hands = await db.Hands.Where(h => h.LessonId == binding.LessonId && h.ClassroomId == room.ClassroomId && h.State == HandStates.Waiting).ToListAsync(ct).ConfigureAwait(false);
            foreach (var h in hands) { h.State = HandStates.Called; h.ClosedAtMs = now; }
            return true;
        }, Context.ConnectionAborted).ConfigureAwait(false);

        stageLedger.Remember(binding.LessonId, room.ClassroomId, token.Token);
        var grant = new StageGrantView(binding.LessonId, room.ClassroomId, token.Token, token.ExpiresAt);
        broadcaster.Enqueue(binding.LessonId, nameof(ILessonClient.StageGranted),
            c => c.Group(LessonGroups.Room(binding.LessonId, room.ClassroomId)).StageGranted(grant));
        BroadcastStage(binding.LessonId);
        return grant;
    }

    public async Task TakeOffStage(StageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var binding = RequireTeacher(input.LessonId);
        await writer.RunAsync(async (db, now, ct) =>
        {
            var open = await db.StageCalls.Where(c => c.LessonId == binding.LessonId && c.ClassroomId == input.ClassroomId && c.EndedAtMs == null).ToListAsync(ct).ConfigureAwait(false);
            foreach (var c in open) c.EndedAtMs = now;
            return open.Count;
        }, Context.ConnectionAborted).ConfigureAwait(false);
        // The stage token stops working at once: the relay closes the room's publish session and refuses the token.
        stageLedger.RevokeAll(binding.LessonId, input.ClassroomId);
        broadcaster.Enqueue(binding.LessonId, nameof(ILessonClient.StageRevoked),
            c => c.Group(LessonGroups.Room(binding.LessonId, input.ClassroomId)).StageRevoked(input.ClassroomId));
        BroadcastStage(binding.LessonId);
    }

    private void BroadcastStage(string lessonId) =>
        broadcaster.Enqueue(lessonId, nameof(ILessonClient.StageChanged), async c =>
        {
            await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
            var view = await LessonStateReader.ReadStageAsync(db, lessonId, CancellationToken.None).ConfigureAwait(false);
            await c.Group(LessonGroups.Lesson(lessonId)).StageChanged(view).ConfigureAwait(false);
        });
}
