using Classroom.Contracts.Lessons;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Reports;

/// <summary>
/// Delivered lessons from the hub's store for the scheduler's planned-vs-delivered report: a
/// lesson was held when its teacher was present; a room's minutes are the sum of its presence
/// intervals; its headcount is its latest check-in.
/// </summary>
public sealed class LessonDeliveries(IDbContextFactory<HubDbContext> contexts, TimeProvider time) : ILessonDeliveries
{
    private const int Chunk = 500;

    public async Task<LessonDeliveryReport> ForLessonsAsync(IReadOnlyCollection<string> lessonIds, CancellationToken cancellationToken)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        var rooms = new List<LessonRoomDelivery>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var teacher = ClassroomRole.Teacher.ToWire();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in lessonIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var presence = await db.Presence.AsNoTracking().Where(p => chunk.Contains(p.LessonId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            var checkIns = await db.CheckIns.AsNoTracking().Where(c => chunk.Contains(c.LessonId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            held.UnionWith(presence.Where(p => p.Role == teacher).Select(p => p.LessonId));
            foreach (var room in presence.Where(p => p.ClassroomId is not null).GroupBy(p => (p.LessonId, Classroom: p.ClassroomId!.Value)))
            {
                var latest = checkIns.Where(c => c.LessonId == room.Key.LessonId && c.ClassroomId == room.Key.Classroom).MaxBy(c => c.ReceivedAtMs);
                rooms.Add(new LessonRoomDelivery(room.Key.LessonId, room.Key.Classroom,
                    DateTimeOffset.FromUnixTimeMilliseconds(room.Min(p => p.StartedAtMs)),
                    Math.Round(room.Sum(p => p.EffectiveEndMs(now) - p.StartedAtMs) / 60_000.0, 1), latest?.Present));
            }
        }

        return new LessonDeliveryReport(held, rooms);
    }
}
