using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Data;

namespace Classroom.Scheduler.Reports;

/// <summary>Where a paired room is in a lesson now.</summary>
public static class LiveRoomState
{
    public const string Online = "online";

    /// <summary>Joined earlier, not connected now.</summary>
    public const string Left = "left";

    /// <summary>Never joined this lesson.</summary>
    public const string Absent = "absent";

    /// <summary>The lesson has not started (or the hub is not in this process).</summary>
    public const string Waiting = "waiting";
}

/// <summary>Problems the live view raises, by code (docs/admin-console.md "Live today").</summary>
public static class LiveProblemCodes
{
    public const string TeacherAbsent = "teacher_absent";
    public const string RoomAbsent = "room_absent";
    public const string RoomLeft = "room_left";
    public const string RoomUnstable = "room_unstable";

    /// <summary>A lesson is given this long after its bell before a missing teacher or room is a problem.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>This many reconnects in one lesson mark a room's link as unstable.</summary>
    public const int UnstableDrops = 3;
}

public sealed record LiveRoom(long SchoolId, string SchoolName, long ClassroomId, string ClassroomName, int Expected,
    string State, int? Headcount, int Drops);

public sealed record LiveProblem(string Code, long? ClassroomId, string Message);

public sealed record LiveLesson(string LessonId, long AllianceId, string Subject, int Grade, string LeadSchoolName, string TeacherName,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status, bool? TeacherOnline, int RoomsOnline,
    IReadOnlyList<LiveRoom> Rooms, IReadOnlyList<LiveProblem> Problems);

/// <summary>Today's lessons (the district's or one alliance's) with who is connected now and what is wrong; <see cref="PresenceKnown"/> is false without a hub.</summary>
public sealed record LiveTodayReport(DateOnly Date, DateTimeOffset At, bool PresenceKnown, int LiveLessons, int Problems, IReadOnlyList<LiveLesson> Lessons);

/// <summary>
/// "Live today" of the admin console (issue 14): today's stored pairings against the hub's
/// presence now (<see cref="ILessonDeliveries.PresenceNowAsync"/>). A lesson is upcoming, live or
/// ended by its bell times; once a live lesson is <see cref="LiveProblemCodes.Grace"/> old, a
/// teacher not connected, a paired room that never joined or has left, and a room that
/// reconnected <see cref="LiveProblemCodes.UnstableDrops"/> times are problems.
/// </summary>
public sealed class LiveToday(SchedulerDbContext db, TimeProvider clock, ILessonDeliveries? deliveries = null)
{
    public async Task<LiveTodayReport> BuildAsync(long? allianceId, DateOnly date, bool english, CancellationToken ct)
    {
        var planned = await PlannedPairings.LoadAsync(db, allianceId, date, date, ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var presence = deliveries is null ? null
            : (await deliveries.PresenceNowAsync(planned.Select(p => p.LessonId).ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false))
                .ToDictionary(l => l.LessonId, StringComparer.Ordinal);

        var lessons = planned.GroupBy(p => p.LessonId, StringComparer.Ordinal).Select(g =>
        {
            var first = g.First();
            var (starts, ends) = (first.StartsAt, first.EndsAt);
            var status = now < starts ? "upcoming" : now < ends ? "live" : "ended";
            LiveLessonPresence? seen = null;
            presence?.TryGetValue(g.Key, out seen);
            var joined = seen?.Rooms.ToDictionary(r => r.ClassroomId) ?? [];
            var rooms = g.OrderBy(p => p.SchoolId).ThenBy(p => p.ClassroomId).Select(p =>
            {
                joined.TryGetValue(p.ClassroomId, out var r);
                var state = presence is null || (status == "upcoming" && r is null) ? LiveRoomState.Waiting
                    : r is null ? LiveRoomState.Absent
                    : r.Online ? LiveRoomState.Online : LiveRoomState.Left;
                return new LiveRoom(p.SchoolId, p.School, p.ClassroomId, p.Classroom, p.Expected, state, r?.Headcount, r?.Drops ?? 0);
            }).ToList();

            var problems = new List<LiveProblem>();
            if (presence is not null && status == "live" && now - starts >= LiveProblemCodes.Grace)
            {
                string Pick(string zh, string en) => english ? en : zh;
                if (seen?.TeacherOnline != true)
                    problems.Add(new(LiveProblemCodes.TeacherAbsent, null, Pick($"主讲教师{first.Teacher}未在线。", $"The teacher, {first.Teacher}, is not connected.")));
                foreach (var room in rooms)
                {
                    var name = room.SchoolName + " " + room.ClassroomName;
                    if (room.State == LiveRoomState.Absent)
                        problems.Add(new(LiveProblemCodes.RoomAbsent, room.ClassroomId, Pick($"{name}应到未到。", $"{name} is expected but has not joined.")));
                    else if (room.State == LiveRoomState.Left)
                        problems.Add(new(LiveProblemCodes.RoomLeft, room.ClassroomId, Pick($"{name}已掉线。", $"{name} has dropped out.")));
                    if (room.Drops >= LiveProblemCodes.UnstableDrops)
                        problems.Add(new(LiveProblemCodes.RoomUnstable, room.ClassroomId, Pick($"{name}网络不稳定（已重连 {room.Drops} 次）。", $"{name} has an unstable link ({room.Drops} reconnects).")));
                }
            }

            return new LiveLesson(g.Key, first.AllianceId, first.Subject, first.Grade, first.LeadSchool, first.Teacher, starts, ends, status,
                presence is null || status == "upcoming" ? null : seen?.TeacherOnline == true,
                rooms.Count(r => r.State == LiveRoomState.Online), rooms, problems);
        })
        // Live lessons with problems first, then live, then upcoming by bell, then ended.
        .OrderBy(l => l.Status switch { "live" => l.Problems.Count > 0 ? 0 : 1, "upcoming" => 2, _ => 3 })
        .ThenBy(l => l.StartsAt).ThenBy(l => l.LessonId, StringComparer.Ordinal).ToList();

        return new LiveTodayReport(date, now, presence is not null, lessons.Count(l => l.Status == "live"), lessons.Sum(l => l.Problems.Count), lessons);
    }
}
