using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Calendar;

/// <summary>Picks the bell schedule that applies to a date (seasonal timetables: 夏季/冬季作息).</summary>
public static class BellScheduleSelector
{
    /// <summary>
    /// The schedule whose range holds <paramref name="date"/>; when ranges nest, the one that
    /// started latest (the more specific season) wins; ties go to the higher id (newer).
    /// </summary>
    public static BellSchedule? For(IEnumerable<BellSchedule> schedules, DateOnly date) =>
        schedules
            .Where(s => (s.ValidFrom is null || s.ValidFrom <= date) && (s.ValidTo is null || date <= s.ValidTo))
            .OrderByDescending(s => s.ValidFrom ?? DateOnly.MinValue)
            .ThenByDescending(s => s.Id)
            .FirstOrDefault();

    /// <summary>The named period on the given timetable weekday, or null if the schedule has none.</summary>
    public static BellPeriod? Period(BellSchedule schedule, DayOfWeek weekday, string periodName) =>
        schedule.Periods.FirstOrDefault(p => p.Weekday == weekday && string.Equals(p.Name, periodName, StringComparison.Ordinal));
}
