namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// A school's day: 4 morning and 3 afternoon periods. Schools differ by a few minutes in start
/// time and lesson length (40 or 45 min), which is why "the same period" is an overlap, not a number.
/// The afternoon starts at <paramref name="AfternoonStart"/> (minutes after midnight; 14:00 unless a
/// seasonal schedule says otherwise, see <see cref="SeasonalBell"/>).
/// </summary>
internal sealed record BellSchedule(int OffsetMinutes, int LessonMinutes, int AfternoonStart = 14 * 60)
{
    public const int PeriodsPerDay = 7;

    private static readonly int[] BreakAfter = [10, 25, 10, 0, 10, 10, 0];

    public (int Start, int End) Period(int period)
    {
        var minute = (period < 4 ? 8 * 60 : AfternoonStart) + OffsetMinutes;
        for (var p = period < 4 ? 0 : 4; p < period; p++)
        {
            minute += LessonMinutes + BreakAfter[p];
        }

        return (minute, minute + LessonMinutes);
    }

    public TimeWindow Window(DateTimeOffset weekStart, int day, int period) => At(weekStart.AddDays(day), period);

    /// <summary>The period on <paramref name="midnight"/>'s date (local midnight of that day).</summary>
    public TimeWindow At(DateTimeOffset midnight, int period)
    {
        var (start, end) = Period(period);
        return new TimeWindow(midnight.AddMinutes(start), midnight.AddMinutes(end));
    }
}
