using System.Collections.Concurrent;
using Classroom.Contracts.Lessons;
using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Store;

/// <summary>Writes the lesson's roster into the store once per node, for reports (see <see cref="LessonRoomSnapshot"/>).</summary>
public sealed class LessonSnapshotter(StoreWriter writer)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _done = new(StringComparer.Ordinal);

    public Task EnsureAsync(LessonRosterDto roster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var lazy = _done.GetOrAdd(roster.LessonId, _ => new Lazy<Task>(() => WriteAsync(roster, ct)));
        if (lazy.Value.IsFaulted || lazy.Value.IsCanceled) _done.TryRemove(roster.LessonId, out _);
        return lazy.Value;
    }

    private Task WriteAsync(LessonRosterDto roster, CancellationToken ct) =>
        writer.RunAsync(async (db, _, token) =>
        {
            foreach (var room in roster.Rooms)
            {
                var existing = await db.LessonRooms.FindAsync([roster.LessonId, room.ClassroomId], token).ConfigureAwait(false);
                if (existing is not null) continue;
                db.LessonRooms.Add(new LessonRoomSnapshot
                {
                    LessonId = roster.LessonId, ClassroomId = room.ClassroomId, ClassroomName = room.ClassroomName,
                    SchoolId = room.SchoolId, SchoolName = room.SchoolName, ExpectedHeadcount = room.ExpectedHeadcount,
                    AllianceId = roster.AllianceId, Subject = roster.Subject,
                    StartsAtMs = roster.StartsAt.ToUnixTimeMilliseconds(), EndsAtMs = roster.EndsAt.ToUnixTimeMilliseconds(),
                });
            }

            return true;
        }, ct);
}
