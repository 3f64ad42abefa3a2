namespace Classroom.Scheduler.Solving;

/// <summary>
/// What a solve changed against the range's previous stored result, pairing by pairing, keyed by
/// (lesson occurrence, room) — the occurrence id holds the lead lesson and the date. A first solve
/// has nothing to keep: everything is added. A previous pairing whose occurrence is not in this
/// solve (a holiday declared since, a lesson deleted, a period gone) is dropped because it does not
/// occur; one whose occurrence still runs without that room is moved.
/// kept + moved + dropped = previous; kept + added = now.
/// </summary>
public readonly record struct SolveChanges(int Kept, int Moved, int Added, int DroppedNotOccurring)
{
    public static SolveChanges Between(
        IEnumerable<(string LessonId, long ClassroomId)> previous,
        IEnumerable<(string LessonId, long ClassroomId)> now,
        IEnumerable<string> occurring)
    {
        var before = previous.ToHashSet();
        var after = now.ToHashSet();
        var lessons = occurring.ToHashSet(StringComparer.Ordinal);
        var kept = before.Count(after.Contains);
        var gone = before.Where(p => !after.Contains(p)).ToList();
        var dropped = gone.Count(p => !lessons.Contains(p.LessonId));
        return new SolveChanges(kept, gone.Count - dropped, after.Count - kept, dropped);
    }
}
