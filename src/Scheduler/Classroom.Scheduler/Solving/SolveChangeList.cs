using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Solving;

/// <summary>Why a pairing of the previous result is not in this one (docs/admin-solve.md "Why a pairing went").</summary>
public enum RemovedReason
{
    /// <summary>The lead lesson was deleted: its occurrence is not in the solve.</summary>
    LessonDeleted,

    /// <summary>The lead lesson exists but this occurrence does not run (a holiday, a 调休 day, its period gone, a one-off moved).</summary>
    NotOccurring,

    /// <summary>The room has no demand in this solve at all: deleted, its school left the alliance, or all its demand removed.</summary>
    RoomGone,

    /// <summary>The room is still in the solve but no longer asks for this subject and grade.</summary>
    DemandChanged,

    /// <summary>Everything still stands; the solver placed the room elsewhere (windows, capacity, links or fairness).</summary>
    Reassigned,
}

/// <summary>
/// One pairing a solve added or removed against the range's previous stored result, with the names
/// as they were at the solve (stored with the run, so a later rename or delete does not change
/// history). <see cref="Kind"/> is "added" or "removed"; <see cref="Reason"/> is a
/// <see cref="RemovedReason"/> in snake_case for removed ones, null for added. Subject and grade of
/// a deleted lead lesson come from the room's demand when it still exists; its teacher is then unknown (null).
/// </summary>
public sealed record PairingChange(
    string Kind, string LessonId, long LeadLessonId, string? Subject, int? Grade, long? TeacherId, string? TeacherName,
    long? LeadSchoolId, string? LeadSchoolName, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    long ClassroomId, string? ClassroomName, long SchoolId, string? SchoolName, string? Reason);

/// <summary>
/// Works out which pairings a solve added and removed, keyed by (lesson occurrence, room) like
/// <see cref="SolveChanges"/> (whose counts it agrees with: removed = moved + dropped), and why each
/// removed one went. Pure: the caller gives the previous pairings, the new ones, the problem and the names.
/// </summary>
public static class SolveChangeList
{
    /// <summary>At most this many changes are stored per run (a county re-solve may move thousands); the counts stay exact.</summary>
    public const int MaxStored = 2000;

    /// <summary>A stored pairing of the previous result.</summary>
    public sealed record Before(string LessonId, long LeadLessonId, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt, long ClassroomId, long SchoolId, long DemandId);

    /// <summary>Lead lesson facts as the store holds them now (absent when deleted).</summary>
    public sealed record LessonInfo(string Subject, int Grade, long TeacherId, long SchoolId);

    /// <summary>What the names are looked up in; every map may miss an entry (a deleted row).</summary>
    public sealed record Names(
        IReadOnlyDictionary<long, LessonInfo> Lessons,
        IReadOnlyDictionary<long, string> Teachers,
        IReadOnlyDictionary<long, string> Schools,
        IReadOnlyDictionary<long, string> Rooms,
        IReadOnlyDictionary<long, (string Subject, int? Grade)> Demands);

    public static string Snake(RemovedReason r) => r switch
    {
        RemovedReason.LessonDeleted => "lesson_deleted",
        RemovedReason.NotOccurring => "not_occurring",
        RemovedReason.RoomGone => "room_gone",
        RemovedReason.DemandChanged => "demand_changed",
        _ => "reassigned",
    };

    /// <summary>Why <paramref name="p"/> is not in the new result: the problem's occurrences (<paramref name="slots"/>) and the demands of each room.</summary>
    public static RemovedReason WhyRemoved(Before p, IReadOnlyDictionary<string, LessonSlot> slots, ILookup<long, RoomDemand> demandsOfRoom, IReadOnlyDictionary<long, LessonInfo> lessons)
    {
        if (!slots.TryGetValue(p.LessonId, out var slot)) return lessons.ContainsKey(p.LeadLessonId) ? RemovedReason.NotOccurring : RemovedReason.LessonDeleted;
        var roomDemands = demandsOfRoom[p.ClassroomId].ToList();
        if (roomDemands.Count == 0) return RemovedReason.RoomGone;
        return roomDemands.Any(d => d.Count > 0 && d.Grade == slot.Grade && string.Equals(d.Subject, slot.Subject, StringComparison.Ordinal))
            ? RemovedReason.Reassigned : RemovedReason.DemandChanged;
    }

    /// <summary>
    /// Every removed and added pairing, ordered by start time (removed before added at one time), then
    /// school and room. Not capped: the caller stores the first <see cref="MaxStored"/>.
    /// </summary>
    public static IReadOnlyList<PairingChange> Between(IReadOnlyList<Before> previous, IReadOnlyList<LessonPairing> now, PairingProblem problem, Names names)
    {
        var after = now.Select(p => (p.LessonId, p.ClassroomId)).ToHashSet();
        var before = previous.Select(p => (p.LessonId, p.ClassroomId)).ToHashSet();
        var slots = problem.Lessons.GroupBy(l => l.LessonId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var roomDemands = problem.Demands.ToLookup(d => d.ClassroomId);
        var changes = new List<PairingChange>();
        foreach (var p in previous.DistinctBy(p => (p.LessonId, p.ClassroomId)))
        {
            if (after.Contains((p.LessonId, p.ClassroomId))) continue;
            var why = WhyRemoved(p, slots, roomDemands, names.Lessons);
            string? subject = null;
            int? grade = null;
            long? teacher = null, leadSchool = null;
            if (names.Lessons.TryGetValue(p.LeadLessonId, out var info))
                (subject, grade, teacher, leadSchool) = (info.Subject, info.Grade, info.TeacherId, info.SchoolId);
            else if (names.Demands.TryGetValue(p.DemandId, out var demand))
                (subject, grade) = (demand.Subject, demand.Grade);
            changes.Add(new PairingChange("removed", p.LessonId, p.LeadLessonId, subject, grade, teacher, Name(names.Teachers, teacher),
                leadSchool, Name(names.Schools, leadSchool), p.Date, p.StartsAt, p.EndsAt,
                p.ClassroomId, Name(names.Rooms, p.ClassroomId), p.SchoolId, Name(names.Schools, p.SchoolId), Snake(why)));
        }

        foreach (var p in now.DistinctBy(p => (p.LessonId, p.ClassroomId)))
        {
            if (before.Contains((p.LessonId, p.ClassroomId)) || !slots.TryGetValue(p.LessonId, out var slot)) continue;
            changes.Add(new PairingChange("added", p.LessonId, p.LeadLessonId, slot.Subject, slot.Grade, slot.TeacherId, Name(names.Teachers, slot.TeacherId),
                slot.LeadSchoolId, Name(names.Schools, slot.LeadSchoolId), DateOnly.FromDateTime(slot.Start.DateTime), slot.Start, slot.End,
                p.ClassroomId, Name(names.Rooms, p.ClassroomId), p.SchoolId, Name(names.Schools, p.SchoolId), null));
        }

        return [.. changes.OrderBy(c => c.StartsAt).ThenBy(c => c.Kind == "added").ThenBy(c => c.SchoolId).ThenBy(c => c.ClassroomId).ThenBy(c => c.LessonId, StringComparer.Ordinal)];
    }

    private static string? Name(IReadOnlyDictionary<long, string> names, long? id) => id is { } v && names.TryGetValue(v, out var n) ? n : null;
}
