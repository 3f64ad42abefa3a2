namespace Classroom.Scheduler.Domain;

/// <summary>
/// A weekly lesson the lead school broadcasts: a period of its own timetable, so its clock time
/// follows the lead school's seasonal bell schedule.
/// </summary>
public sealed class LeadLesson
{
    public long Id { get; set; }
    public long AllianceId { get; set; }
    public long SchoolId { get; set; }
    public required string Subject { get; set; }
    public int Grade { get; set; }
    public long TeacherId { get; set; }
    public Teacher? Teacher { get; set; }
    public long StudioId { get; set; }
    public Studio? Studio { get; set; }
    public DayOfWeek Weekday { get; set; }

    /// <summary>Period name in the lead school's bell schedule, e.g. "第3节".</summary>
    public required string PeriodName { get; set; }

    public double BitrateMbps { get; set; } = 2.0;

    /// <summary>Its occurrences are recorded (the default); a school may turn it off per lesson.</summary>
    public bool RecordingEnabled { get; set; } = true;

    /// <summary>
    /// A studio booking (录播室预约): a one-off lesson on this date only, booked by its teacher
    /// (often of a member school) in the lead school's studio; null for a weekly lesson.
    /// </summary>
    public DateOnly? OneOffDate { get; set; }

    /// <summary>A booking's rooms chosen by hand (classroom ids, comma-separated); null: paired by the solver like any lesson.</summary>
    public string? BookedRooms { get; set; }
}
