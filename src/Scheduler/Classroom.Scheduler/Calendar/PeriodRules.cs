using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Calendar;

/// <summary>Validation of a bell schedule's periods: none inverted, none overlapping on the same weekday, names unique per weekday.</summary>
public static class PeriodRules
{
    public static IReadOnlyList<(int Index, string Field, string Message)> Validate(IReadOnlyList<BellPeriod> periods)
    {
        var errors = new List<(int, string, string)>();
        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            if (string.IsNullOrWhiteSpace(p.Name)) errors.Add((i, "name", "Period name is required."));
            if (p.End <= p.Start) errors.Add((i, "end", $"Period '{p.Name}' on {p.Weekday} ends ({p.End:HH\\:mm}) before it starts ({p.Start:HH\\:mm})."));
        }

        foreach (var day in periods.Select((p, i) => (p, i)).GroupBy(x => x.p.Weekday))
        {
            var ordered = day.OrderBy(x => x.p.Start).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                var (prev, _) = ordered[k - 1];
                var (cur, idx) = ordered[k];
                if (cur.Start < prev.End && prev.End > prev.Start)
                    errors.Add((idx, "start", $"Period '{cur.Name}' on {cur.Weekday} ({cur.Start:HH\\:mm}–{cur.End:HH\\:mm}) overlaps '{prev.Name}' ({prev.Start:HH\\:mm}–{prev.End:HH\\:mm})."));
            }

            foreach (var dup in day.GroupBy(x => x.p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
                errors.Add((dup.Skip(1).First().i, "name", $"Period name '{dup.Key}' appears twice on {day.Key}."));
        }

        return errors;
    }

    /// <summary>Share of [start,end) covered by [windowStart, windowEnd).</summary>
    public static double OverlapShare(TimeOnly start, TimeOnly end, TimeOnly windowStart, TimeOnly windowEnd)
    {
        var s = start > windowStart ? start : windowStart;
        var e = end < windowEnd ? end : windowEnd;
        var length = (end - start).TotalMinutes;
        return e > s && length > 0 ? (e - s).TotalMinutes / length : 0;
    }
}
