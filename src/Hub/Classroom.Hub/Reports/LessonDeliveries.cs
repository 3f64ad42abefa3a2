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
public sealed class LessonDeliveries(IDbContextFactory<HubDbContext> contexts, TimeProvider time, Microsoft.Extensions.Options.IOptions<LessonHubOptions> options) : ILessonDeliveries
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

    /// <summary>
    /// Online = an interval not disconnected whose last heartbeat is within three heartbeat
    /// intervals (the presence sweeper's rule, docs/hub.md "Presence"); drops summed over the
    /// room's intervals; headcount = its latest check-in.
    /// </summary>
    public async Task<IReadOnlyList<LiveLessonPresence>> PresenceNowAsync(IReadOnlyCollection<string> lessonIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var staleMs = (long)(options.Value.HeartbeatInterval.TotalMilliseconds * 3);
        var teacher = ClassroomRole.Teacher.ToWire();
        bool Online(Store.Records.PresenceInterval p) => p.EndedAtMs is null && p.DisconnectedAtMs is null && now - p.LastSeenAtMs <= staleMs;
        var lessons = new List<LiveLessonPresence>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in lessonIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var presence = await db.Presence.AsNoTracking().Where(p => chunk.Contains(p.LessonId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            var checkIns = await db.CheckIns.AsNoTracking().Where(c => chunk.Contains(c.LessonId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var lesson in presence.GroupBy(p => p.LessonId, StringComparer.Ordinal))
            {
                var rooms = lesson.Where(p => p.ClassroomId is not null && p.Role != teacher).GroupBy(p => p.ClassroomId!.Value).Select(room =>
                    new LiveRoomPresence(room.Key, room.Any(Online), room.Sum(p => p.Drops),
                        checkIns.Where(c => c.LessonId == lesson.Key && c.ClassroomId == room.Key).MaxBy(c => c.ReceivedAtMs)?.Present,
                        DateTimeOffset.FromUnixTimeMilliseconds(room.Max(p => p.DisconnectedAtMs ?? p.LastSeenAtMs)))).ToList();
                lessons.Add(new LiveLessonPresence(lesson.Key, lesson.Any(p => p.Role == teacher && Online(p)), rooms));
            }
        }

        return lessons;
    }
}
