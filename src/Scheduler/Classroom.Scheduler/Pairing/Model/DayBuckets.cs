namespace Classroom.Scheduler.Pairing.Model;

/// <summary>
/// Chosen lessons per owner (room, school, teacher, studio) bucketed by UTC day, so "what overlaps
/// this lesson" looks at the lesson's own days instead of a whole term. A lesson spanning midnight
/// sits in every day it touches; <see cref="Near"/> reports it once.
/// </summary>
internal sealed class DayBuckets(PairingIndex ix)
{
    private readonly Dictionary<(long Owner, long Day), List<int>> _map = [];

    public void Add(long owner, int lesson)
    {
        for (var day = FirstDay(lesson); day <= LastDay(lesson); day++)
        {
            if (!_map.TryGetValue((owner, day), out var list))
            {
                _map[(owner, day)] = list = [];
            }

            list.Add(lesson);
        }
    }

    /// <summary>Chosen lessons of <paramref name="owner"/> sharing a day with <paramref name="lesson"/> (repeats kept: one per pairing).</summary>
    public List<int> Near(long owner, int lesson)
    {
        var near = new List<int>();
        var first = FirstDay(lesson);
        for (var day = first; day <= LastDay(lesson); day++)
        {
            if (_map.TryGetValue((owner, day), out var list))
            {
                // A lesson already seen in an earlier bucket of this range is skipped here.
                near.AddRange(list.Where(m => Math.Max(FirstDay(m), first) == day));
            }
        }

        return near;
    }

    private long FirstDay(int l) => ix.LessonStart[l] / TimeSpan.TicksPerDay;

    private long LastDay(int l) => (ix.LessonEnd[l] - 1) / TimeSpan.TicksPerDay;
}
