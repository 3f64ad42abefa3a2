using Classroom.Contracts.Tokens;
using Classroom.Hub.Protocol;
using Classroom.Hub.Stage;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Hubs;

/// <summary>
/// Builds a lesson's state from the store — the only truth a client trusts after reconnecting.
/// Staff see every room; a room sees its own attendance, the questions and the quizzes (not
/// other rooms' answers); students see questions and quizzes.
/// </summary>
public sealed class LessonStateReader(IDbContextFactory<HubDbContext> contexts, TimeProvider time)
{
    public async Task<LessonStateView> ReadAsync(LessonBinding binding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var lessonId = binding.LessonId;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var ownRoom = binding.Token.Role == ClassroomRole.Classroom ? binding.Room?.ClassroomId : null;

        var questions = await db.Questions.AsNoTracking().Where(q => q.LessonId == lessonId).OrderBy(q => q.ReceivedAtMs).ToListAsync(ct).ConfigureAwait(false);
        var votes = await db.QuestionVotes.AsNoTracking().Where(v => v.LessonId == lessonId)
            .Select(v => new { v.QuestionId, v.ClassroomId }).ToListAsync(ct).ConfigureAwait(false);
        var voteCounts = votes.Distinct().GroupBy(v => v.QuestionId).ToDictionary(g => g.Key, g => g.Count());
        var questionViews = questions.Select(q => q.ToView(voteCounts.GetValueOrDefault(q.Id))).ToList();
        var myVotes = ownRoom is null ? [] : votes.Where(v => v.ClassroomId == ownRoom).Select(v => v.QuestionId).Distinct().ToList();

        var quizzes = await db.Quizzes.AsNoTracking().Where(q => q.LessonId == lessonId).OrderBy(q => q.OpenedAtMs).ToListAsync(ct).ConfigureAwait(false);
        var answersQuery = db.QuizAnswers.AsNoTracking().Where(a => a.LessonId == lessonId);
        if (!binding.IsStaff) answersQuery = answersQuery.Where(a => a.ClassroomId == (ownRoom ?? -1));
        var answers = await answersQuery.ToListAsync(ct).ConfigureAwait(false);
        var results = quizzes.Select(q => ViewMapper.Results(q, answers)).ToList();

        var stage = await ReadStageAsync(db, lessonId, ct).ConfigureAwait(false);
        var rooms = binding.IsStaff || ownRoom is not null
            ? await ReadRoomsAsync(db, binding, ownRoom, now, ct).ConfigureAwait(false)
            : [];
        // The lesson's first recording (a studio that crashed and came back continues the same one).
        var mediaStartedAt = await db.Recordings.AsNoTracking().Where(r => r.LessonId == lessonId && r.State != RecordingStates.Deleted)
            .OrderBy(r => r.StartedAtMs).Select(r => (long?)r.StartedAtMs).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return new LessonStateView(lessonId, binding.Token.Role.ToWire(), ownRoom, now, rooms, questionViews, stage,
            quizzes.Select(q => q.ToView()).ToList(), results, myVotes, mediaStartedAt);
    }

    public static async Task<StageView> ReadStageAsync(HubDbContext db, string lessonId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var calls = await db.StageCalls.AsNoTracking().Where(c => c.LessonId == lessonId).ToListAsync(ct).ConfigureAwait(false);
        var waiting = await db.Hands.AsNoTracking().Where(h => h.LessonId == lessonId && h.State == HandStates.Waiting).ToListAsync(ct).ConfigureAwait(false);
        var onStage = calls.Where(c => c.EndedAtMs == null).Select(c => c.ClassroomId).Distinct().Order().ToList();
        return new StageView(onStage, StageQueue.Order(waiting, calls).Select(h => h.ToView()).ToList());
    }

    private static async Task<List<RoomView>> ReadRoomsAsync(HubDbContext db, LessonBinding binding, long? ownRoom, long now, CancellationToken ct)
    {
        var lessonId = binding.LessonId;
        var presence = await db.Presence.AsNoTracking().Where(p => p.LessonId == lessonId && p.ClassroomId != null).ToListAsync(ct).ConfigureAwait(false);
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => c.LessonId == lessonId).ToListAsync(ct).ConfigureAwait(false);
        var absentees = await db.Absentees.AsNoTracking().Where(a => a.LessonId == lessonId).ToListAsync(ct).ConfigureAwait(false);
        var rooms = new List<RoomView>();
        foreach (var room in binding.Roster.Rooms)
        {
            if (ownRoom is not null && room.ClassroomId != ownRoom) continue;
            var intervals = presence.Where(p => p.ClassroomId == room.ClassroomId).OrderBy(p => p.StartedAtMs).ToList();
            var open = intervals.LastOrDefault(p => p.EndedAtMs == null && p.DisconnectedAtMs == null);
            var latest = checkIns.Where(c => c.ClassroomId == room.ClassroomId).OrderByDescending(c => c.ReceivedAtMs).FirstOrDefault();
            var absent = absentees.Where(a => a.ClassroomId == room.ClassroomId)
                .GroupBy(a => a.StudentName, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(a => a.ReceivedAtMs).First())
                .Where(a => a.Absent).Select(a => a.StudentName).Order(StringComparer.Ordinal).ToList();
            var sinceMs = open?.StartedAtMs ?? intervals.LastOrDefault()?.EffectiveEndMs(now);
            rooms.Add(new RoomView(room.ClassroomId, room.ClassroomName, room.SchoolId, room.SchoolName, open is not null, sinceMs,
                latest?.Present, room.ExpectedHeadcount, intervals.Sum(p => p.Drops),
                intervals.Sum(p => p.EffectiveEndMs(now) - p.StartedAtMs), absent));
        }

        return rooms;
    }
}
