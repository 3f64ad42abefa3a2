namespace Classroom.Scheduler.Domain;

/// <summary>
/// A term (学期): first and last day, holidays and make-up working days (调休). Weekends are
/// off unless a make-up day says otherwise.
/// </summary>
public sealed class Term
{
    public long Id { get; set; }
    /// <summary>The alliance, or null for a county term every alliance inherits (docs/scheduler.md "District").</summary>
    public long? AllianceId { get; set; }
    public required string Name { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
    public List<TermDay> SpecialDays { get; set; } = [];
}

public enum TermDayKind
{
    /// <summary>No lessons (national holiday, sports day...).</summary>
    Holiday,

    /// <summary>A working day that follows another weekday's timetable (调休 / 补课).</summary>
    MakeUp,
}

public sealed class TermDay
{
    public long Id { get; set; }
    public long TermId { get; set; }
    public DateOnly Date { get; set; }
    public TermDayKind Kind { get; set; }

    /// <summary>For make-up days: whose timetable the day follows.</summary>
    public DayOfWeek? FollowsWeekday { get; set; }

    public string? Note { get; set; }
}
