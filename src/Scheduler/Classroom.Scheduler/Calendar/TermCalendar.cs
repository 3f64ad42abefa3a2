using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Calendar;

/// <summary>
/// Answers "whose timetable does this date follow?" for an alliance: its own terms and the
/// county's (terms with no alliance), which it inherits. The term span is the alliance's own terms
/// when it has any, else the county's; a special day (holiday, 调休) of the alliance wins over
/// the county's on the same date, and the county's apply otherwise (docs/scheduler.md "District").
/// Outside the span and on holidays: none. Monday–Friday follow their own timetable; Saturday and
/// Sunday are off unless a make-up day names the weekday they follow. A holiday on a weekday wins.
/// </summary>
public sealed class TermCalendar
{
    private readonly List<(DateOnly First, DateOnly Last)> _terms = [];
    private readonly Dictionary<DateOnly, TermDay> _special = [];

    public TermCalendar(IEnumerable<Term> terms)
    {
        var all = terms.ToList();
        var own = all.Where(t => t.AllianceId is not null).ToList();
        var county = all.Where(t => t.AllianceId is null).ToList();
        foreach (var term in own.Count > 0 ? own : county) _terms.Add((term.FirstDay, term.LastDay));
        foreach (var day in county.SelectMany(t => t.SpecialDays)) _special[day.Date] = day;
        foreach (var day in own.SelectMany(t => t.SpecialDays)) _special[day.Date] = day;
    }

    public bool InTerm(DateOnly date) => _terms.Exists(t => date >= t.First && date <= t.Last);

    /// <summary>The weekday whose timetable runs on <paramref name="date"/>, or null when there are no lessons.</summary>
    public DayOfWeek? TimetableDay(DateOnly date)
    {
        if (!InTerm(date)) return null;
        if (_special.TryGetValue(date, out var special))
        {
            return special.Kind switch
            {
                TermDayKind.Holiday => null,
                TermDayKind.MakeUp => special.FollowsWeekday ?? date.DayOfWeek,
                _ => null,
            };
        }

        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? null : date.DayOfWeek;
    }

    /// <summary>School days in [from, to] with the weekday timetable each follows.</summary>
    public IEnumerable<(DateOnly Date, DayOfWeek Follows)> SchoolDays(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (TimetableDay(d) is { } follows) yield return (d, follows);
        }
    }
}
