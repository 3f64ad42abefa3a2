using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Calendar;

/// <summary>Picks the bell schedule that applies to a date (seasonal timetables: 夏季/冬季作息).</summary>
public static class BellScheduleSelector
{
    /// <summary>
    /// The schedule whose range holds <paramref name="date"/>; when ranges nest, the one whose
    /// current stretch started latest (the more specific season) wins; ties go to the higher id (newer).
    /// </summary>
    public static BellSchedule? For(IEnumerable<BellSchedule> schedules, DateOnly date) =>
        schedules
            .Select(s => (Schedule: s, Since: AppliesSince(s, date)))
            .Where(x => x.Since is not null)
            .OrderByDescending(x => x.Since)
            .ThenByDescending(x => x.Schedule.Id)
            .Select(x => x.Schedule)
            .FirstOrDefault();

    /// <summary>
    /// The first day of the stretch of <paramref name="schedule"/> that holds <paramref name="date"/>
    /// (the later of its fixed start and this year's season start), or null if it does not apply then.
    /// </summary>
    public static DateOnly? AppliesSince(BellSchedule schedule, DateOnly date)
    {
        if (schedule.ValidFrom > date || schedule.ValidTo < date) return null;
        var since = schedule.ValidFrom ?? DateOnly.MinValue;
        if (schedule.SeasonFrom is not { } from || schedule.SeasonTo is not { } to) return since;
        var seasonStart = SeasonStart(from, to, date);
        if (seasonStart is null) return null;
        return seasonStart > since ? seasonStart : since;
    }

    /// <summary>When the recurring season [from, to] holding <paramref name="date"/> began; a season may wrap the new year (11-01..03-31).</summary>
    private static DateOnly? SeasonStart(MonthDay from, MonthDay to, DateOnly date)
    {
        var day = MonthDay.Of(date);
        if (from.CompareTo(to) <= 0) return day.CompareTo(from) >= 0 && day.CompareTo(to) <= 0 ? from.In(date.Year) : null;
        if (day.CompareTo(from) >= 0) return from.In(date.Year);
        return day.CompareTo(to) <= 0 ? from.In(date.Year - 1) : null;
    }

    /// <summary>The named period on the given timetable weekday, or null if the schedule has none.</summary>
    public static BellPeriod? Period(BellSchedule schedule, DayOfWeek weekday, string periodName) =>
        schedule.Periods.FirstOrDefault(p => p.Weekday == weekday && string.Equals(p.Name, periodName, StringComparison.Ordinal));
}
