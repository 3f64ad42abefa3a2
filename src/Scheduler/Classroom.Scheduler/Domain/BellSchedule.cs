namespace Classroom.Scheduler.Domain;

/// <summary>
/// A school's bell schedule (作息时间): named periods per weekday. A school keeps several and
/// switches by season; the one whose date range holds a day applies to it (the latest start wins
/// when ranges nest).
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
