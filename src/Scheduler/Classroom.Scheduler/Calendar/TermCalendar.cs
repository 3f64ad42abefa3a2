using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Calendar;

/// <summary>
/// Answers "whose timetable does this date follow?" for an alliance's terms. Outside every term
/// and on holidays: none. Monday–Friday follow their own timetable; Saturday and Sunday are off
/// unless a make-up day (调休) names the weekday they follow. A holiday on a weekday wins over it.
/// </summary>
public sealed class TermCalendar
{
    private readonly List<(DateOnly First, DateOnly Last)> _terms = [];
    private readonly Dictionary<DateOnly, TermDay> _special = [];

    public TermCalendar(IEnumerable<Term> terms)
    {
        foreach (var term in terms)
        {
            _terms.Add((term.FirstDay, term.LastDay));
            foreach (var day in term.SpecialDays) _special[day.Date] = day;
        }
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
