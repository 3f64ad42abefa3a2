namespace Classroom.Scheduler.Domain;

/// <summary>
/// What a member classroom needs from the alliance, e.g. "2 music lessons a week", and the
/// periods of its own timetable it can take them in.
/// </summary>
public sealed class MemberDemand
{
    public long Id { get; set; }
    public long ClassroomId { get; set; }
    public ClassroomRoom? Classroom { get; set; }
    public required string Subject { get; set; }
    public int LessonsPerWeek { get; set; }

    /// <summary>The grade the demand is for: one of a mixed-grade room's grades; null means the room's only grade.</summary>
    public int? Grade { get; set; }
    public List<DemandPeriod> Periods { get; set; } = [];
}

/// <summary>A period of the member school's timetable the room can take the subject in.</summary>
public sealed class DemandPeriod
{
    public long Id { get; set; }
    public long MemberDemandId { get; set; }
    public DayOfWeek Weekday { get; set; }
    public required string PeriodName { get; set; }
}
