namespace Classroom.Scheduler.Calendar;

/// <summary>
/// Converts a school's wall-clock times (bell schedules are local) to absolute instants. China
/// has one zone without DST, but the alliance's zone id is honoured so the rule stays correct.
/// </summary>
public static class AllianceClock
{
    public const string DefaultZone = "Asia/Shanghai";

    public static TimeZoneInfo Zone(string? id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? DefaultZone : id);
        }
        catch (TimeZoneNotFoundException)
        {
            // A machine without tzdata: China Standard Time is UTC+8 all year.
            return TimeZoneInfo.CreateCustomTimeZone(DefaultZone, TimeSpan.FromHours(8), DefaultZone, DefaultZone);
        }
    }

    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly Today(TimeProvider clock, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);

    /// <summary>Monday of the week holding <paramref name="date"/> (Chinese weeks start on Monday).</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
