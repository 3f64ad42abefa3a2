namespace Classroom.Scheduler.Domain;

/// <summary>
/// A school's bell schedule (作息时间): named periods per weekday. A school keeps several and
/// switches by season; the one whose date range holds a day applies to it (the latest start wins
/// when ranges nest). A season is either fixed dates (<see cref="ValidFrom"/>/<see cref="ValidTo"/>)
/// or a month-day range that recurs every year (<see cref="SeasonFrom"/>/<see cref="SeasonTo"/>,
/// e.g. summer 05-01..09-30; 11-01..03-31 wraps the new year); both may be set, then both hold.
/// </summary>
public sealed class BellSchedule
{
    public long Id { get; set; }
    public long SchoolId { get; set; }
    public required string Name { get; set; }

    /// <summary>First day it applies (inclusive); null = from always.</summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>Last day it applies (inclusive); null = until replaced.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>First day of the recurring season (inclusive); null = no recurring season.</summary>
    public MonthDay? SeasonFrom { get; set; }

    /// <summary>Last day of the recurring season (inclusive); set exactly when <see cref="SeasonFrom"/> is.</summary>
    public MonthDay? SeasonTo { get; set; }

    public List<BellPeriod> Periods { get; set; } = [];
}

/// <summary>One period on one weekday, e.g. Monday "第3节" 10:00–10:40.</summary>
public sealed class BellPeriod
{
    public long Id { get; set; }
    public long BellScheduleId { get; set; }
    public DayOfWeek Weekday { get; set; }
    public required string Name { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
}
