using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Calendar;

/// <summary>
/// When a lead lesson is taught: one rule for the solver (ProblemBuilder), the lesson directory
/// (joining, the classroom PC) and the studio PC's day, so they can never disagree on a lesson's
/// day or bells.
/// </summary>
public static class LessonTimes
{
    /// <summary>
    /// Whether the lead lesson is taught on <paramref name="date"/>, a school day whose timetable is
    /// that of <paramref name="follows"/> (调休 included, TermCalendar.TimetableDay): its weekday, and
    /// for a one-date lesson only its own date.
    /// </summary>
    public static bool TaughtOn(LeadLesson lesson, DateOnly date, DayOfWeek follows) =>
        lesson.Weekday == follows && (lesson.OneOffDate is null || lesson.OneOffDate == date);

    /// <summary>
    /// The named period's start and end on <paramref name="date"/> in the alliance's zone, at the bells
    /// that apply to that date (seasons included); null when they have no such period on the weekday
    /// the date follows.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? Bells(IEnumerable<BellSchedule> schedules, DateOnly date, DayOfWeek follows, string periodName, TimeZoneInfo zone)
    {
        var schedule = BellScheduleSelector.For(schedules, date);
        if (schedule is null || BellScheduleSelector.Period(schedule, follows, periodName) is not { } period) return null;
        return (AllianceClock.ToInstant(date, period.Start, zone), AllianceClock.ToInstant(date, period.End, zone));
    }
}
