using Classroom.Contracts.Lessons;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Reports;

/// <summary>
/// Usage of a set of lessons from the hub's store, for the scheduler's usage-per-school report:
/// the teacher's presence (a lesson was held when its teacher connected), each room's (its classroom PC's)
/// presence minutes, latest check-in, questions and raised hands, and students' replay views of the
/// lessons' recordings grouped by the viewer's class. Counts only, no names leave the hub.
/// </summary>
public sealed class LessonUsageSource(IDbContextFactory<HubDbContext> contexts, TimeProvider time) : ILessonUsage
{
    private const int Chunk = 500;

    public async Task<LessonUsageReport> ForLessonsAsync(IReadOnlyCollection<string> lessonIds, CancellationToken cancellationToken)
    {
        var lessons = new List<LessonTeaching>();
        var rooms = new List<RoomUsage>();
        var views = new List<(long ClassroomId, long WatchedMs)>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var teacher = ClassroomRole.Teacher.ToWire();
        var room = ClassroomRole.Classroom.ToWire();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in lessonIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var presence = await db.Presence.AsNoTracking().Where(p => chunk.Contains(p.LessonId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            var checkIns = await db.CheckIns.AsNoTracking().Where(c => chunk.Contains(c.LessonId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            var questions = await db.Questions.AsNoTracking().Where(q => chunk.Contains(q.LessonId))
                .GroupBy(q => new { q.LessonId, q.ClassroomId }).Select(g => new { g.Key.LessonId, g.Key.ClassroomId, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var hands = await db.Hands.AsNoTracking().Where(h => chunk.Contains(h.LessonId))
                .GroupBy(h => new { h.LessonId, h.ClassroomId }).Select(g => new { g.Key.LessonId, g.Key.ClassroomId, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            views.AddRange((await db.RecordingViews.AsNoTracking()
                    .Where(v => chunk.Contains(v.LessonId) && v.ClassroomId != null && v.StudentName != "")
                    .Select(v => new { v.ClassroomId, v.WatchedMs }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(v => (v.ClassroomId!.Value, v.WatchedMs)));

            foreach (var lesson in presence.Where(p => p.Role == teacher).GroupBy(p => p.LessonId, StringComparer.Ordinal))
                lessons.Add(new LessonTeaching(lesson.Key, Minutes(lesson.Sum(p => p.EffectiveEndMs(now) - p.StartedAtMs))));

            // A room that asked a question or raised a hand without a presence row still counts its interactions.
            var keys = presence.Where(p => p.ClassroomId is not null && p.Role == room).Select(p => (p.LessonId, Classroom: p.ClassroomId!.Value))
                .Concat(questions.Select(q => (q.LessonId, Classroom: q.ClassroomId)))
                .Concat(hands.Select(h => (h.LessonId, Classroom: h.ClassroomId))).Distinct();
            foreach (var (lessonId, classroom) in keys)
            {
                var intervals = presence.Where(p => p.LessonId == lessonId && p.ClassroomId == classroom && p.Role == room).ToList();
                rooms.Add(new RoomUsage(lessonId, classroom, intervals.Count > 0, Minutes(intervals.Sum(p => p.EffectiveEndMs(now) - p.StartedAtMs)),
                    checkIns.Where(c => c.LessonId == lessonId && c.ClassroomId == classroom).MaxBy(c => c.ReceivedAtMs)?.Present,
                    questions.Where(q => q.LessonId == lessonId && q.ClassroomId == classroom).Sum(q => q.Count),
                    hands.Where(h => h.LessonId == lessonId && h.ClassroomId == classroom).Sum(h => h.Count)));
            }
        }

        var replays = views.GroupBy(v => v.ClassroomId).Select(g => new ReplayUsage(g.Key, g.Count(), Minutes(g.Sum(v => v.WatchedMs)))).ToList();
        return new LessonUsageReport(lessons, rooms, replays);
    }

    private static double Minutes(long ms) => Math.Round(ms / 60_000.0, 1);
}
