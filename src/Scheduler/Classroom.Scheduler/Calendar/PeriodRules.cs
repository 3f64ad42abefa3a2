using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Calendar;

/// <summary>Validation of a bell schedule's periods: none inverted, none overlapping on the same weekday, names unique per weekday.</summary>
public static class PeriodRules
{
    private static readonly string[] ChineseDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    /// <summary>Every problem as (index, field, message), the message in English or (english: false) Simplified Chinese.</summary>
    public static IReadOnlyList<(int Index, string Field, string Message)> Validate(IReadOnlyList<BellPeriod> periods, bool english = true)
    {
        var errors = new List<(int, string, string)>();
        string Day(DayOfWeek d) => english ? d.ToString() : ChineseDays[(int)d];
        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            if (string.IsNullOrWhiteSpace(p.Name)) errors.Add((i, "name", english ? "Period name is required." : "请填写节次名称。"));
            if (p.End <= p.Start)
            {
                errors.Add((i, "end", english
                    ? $"Period '{p.Name}' on {p.Weekday} ends ({p.End:HH\\:mm}) before it starts ({p.Start:HH\\:mm})."
                    : $"{Day(p.Weekday)}“{p.Name}”的下课时间（{p.End:HH\\:mm}）不晚于上课时间（{p.Start:HH\\:mm}）。"));
            }
        }

        foreach (var day in periods.Select((p, i) => (p, i)).GroupBy(x => x.p.Weekday))
        {
            // Compared with the period that ends latest so far, not only the one before it: a long
            // period can hold several short ones (08:00–10:00 holds 08:30–08:40 and 09:00–09:30).
            var ordered = day.Where(x => x.p.End > x.p.Start).OrderBy(x => x.p.Start).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                var (prev, _) = ordered.Take(k).MaxBy(x => x.p.End);
                var (cur, idx) = ordered[k];
                if (cur.Start < prev.End)
                {
                    errors.Add((idx, "start", english
                        ? $"Period '{cur.Name}' on {cur.Weekday} ({cur.Start:HH\\:mm}–{cur.End:HH\\:mm}) overlaps '{prev.Name}' ({prev.Start:HH\\:mm}–{prev.End:HH\\:mm})."
                        : $"{Day(cur.Weekday)}“{cur.Name}”（{cur.Start:HH\\:mm}–{cur.End:HH\\:mm}）与“{prev.Name}”（{prev.Start:HH\\:mm}–{prev.End:HH\\:mm}）时间重叠。"));
                }
            }

            foreach (var dup in day.GroupBy(x => x.p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
                errors.Add((dup.Skip(1).First().i, "name", english ? $"Period name '{dup.Key}' appears twice on {day.Key}." : $"{Day(day.Key)}的节次名称“{dup.Key}”出现了两次。"));
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
