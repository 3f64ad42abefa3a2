namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// A school's day: 4 morning and 3 afternoon periods. Schools differ by a few minutes in start
/// time and lesson length (40 or 45 min), which is why "the same period" is an overlap, not a number.
/// </summary>
internal sealed record BellSchedule(int OffsetMinutes, int LessonMinutes)
{
    public const int PeriodsPerDay = 7;

    private static readonly int[] BreakAfter = [10, 25, 10, 0, 10, 10, 0];

    public (int Start, int End) Period(int period)
    {
        var minute = (period < 4 ? 8 * 60 : 14 * 60) + OffsetMinutes;
        for (var p = period < 4 ? 0 : 4; p < period; p++)
        {
            minute += LessonMinutes + BreakAfter[p];
        }

        return (minute, minute + LessonMinutes);
    }

    public TimeWindow Window(DateTimeOffset weekStart, int day, int period)
    {
        var (start, end) = Period(period);
        var date = weekStart.AddDays(day);
        return new TimeWindow(date.AddMinutes(start), date.AddMinutes(end));
    }
}
