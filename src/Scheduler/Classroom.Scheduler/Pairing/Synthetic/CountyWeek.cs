using System.Globalization;

namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// The calendar of one solved week: Monday, the holidays (no lessons, no windows) and the 调休
/// make-up days (a Saturday or Sunday that follows a weekday's timetable). Everything the
/// generator emits is expanded through <see cref="SchoolDays"/>, so a holiday removes a day's
/// lessons and windows and a make-up day repeats a weekday's, on that day's seasonal bells.
/// </summary>
public sealed record CountyWeek(DateOnly Monday, IReadOnlySet<DateOnly> Holidays, IReadOnlyDictionary<DateOnly, DayOfWeek> MakeUpDays)
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>An ordinary week of summer hours (the benchmark district's week).</summary>
    public static CountyWeek Normal { get; } = new(new DateOnly(2026, 9, 7), new HashSet<DateOnly>(), new Dictionary<DateOnly, DayOfWeek>());

    /// <summary>The week before National Day: Mon–Wed on summer hours, Thu 1 and Fri 2 October are holidays.</summary>
    public static CountyWeek Holiday { get; } = new(
        new DateOnly(2026, 9, 28),
        new HashSet<DateOnly> { new(2026, 10, 1), new(2026, 10, 2) },
        new Dictionary<DateOnly, DayOfWeek>());

    /// <summary>
    /// The week after: Mon–Wed 5–7 October are holidays, Thu and Fri on winter hours, and Saturday
    /// 10 October is a 调休 make-up day on Thursday's timetable, so Thursday's lessons occur twice.
    /// </summary>
    public static CountyWeek MakeUp { get; } = new(
        new DateOnly(2026, 10, 5),
        new HashSet<DateOnly> { new(2026, 10, 5), new(2026, 10, 6), new(2026, 10, 7) },
        new Dictionary<DateOnly, DayOfWeek> { [new DateOnly(2026, 10, 10)] = DayOfWeek.Thursday });

    public static CountyWeek Named(string name) => name switch
    {
        "normal" => Normal,
        "holiday" => Holiday,
        "makeup" => MakeUp,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "week is normal, holiday or makeup"),
    };

    /// <summary>Each date of the week with lessons, and the weekday (0 = Monday) whose timetable it follows.</summary>
    public IEnumerable<(DateOnly Date, int Weekday)> SchoolDays()
    {
        for (var i = 0; i < 7; i++)
        {
            var date = Monday.AddDays(i);
            if (Holidays.Contains(date))
            {
                continue;
            }

            if (MakeUpDays.TryGetValue(date, out var follows))
            {
                yield return (date, ((int)follows + 6) % 7);
            }
            else if (i < 5)
            {
                yield return (date, i);
            }
        }
    }

    /// <summary>Local midnight (Beijing time) of <paramref name="date"/>.</summary>
    public static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"week of {Monday:yyyy-MM-dd}, {Holidays.Count} holiday(s), {MakeUpDays.Count} make-up day(s)");
}
