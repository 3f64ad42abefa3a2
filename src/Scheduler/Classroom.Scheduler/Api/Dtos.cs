using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Api;

// Request and response bodies of the scheduler API. Responses are flat records (no entity
// graphs, no cycles); requests are validated by the endpoint before anything is stored.

public sealed record AllianceRequest(string? Name, string? TimeZone);
public sealed record AllianceDto(long Id, string Name, string TimeZone, int Schools)
{
    public static AllianceDto From(Alliance a, int schools) => new(a.Id, a.Name, a.TimeZone, schools);
}

/// <summary>A school; <see cref="StageRecordingConsent"/> null keeps the stored value (false for a new school).</summary>
public sealed record SchoolRequest(string? Name, string? Code, bool IsLead, double LinkMbps, bool? StageRecordingConsent = null);
public sealed record SchoolDto(long Id, long AllianceId, string Name, string Code, bool IsLead, double LinkMbps, bool StageRecordingConsent)
{
    public static SchoolDto From(School s) => new(s.Id, s.AllianceId, s.Name, s.Code, s.IsLead, s.LinkMbps, s.StageRecordingConsent);
}

/// <summary><c>grades</c> (several, for a mixed-grade room 复式班) replaces <c>grade</c> when given.</summary>
public sealed record ClassroomRequest(int Grade, string? ClassName, int Seats, IReadOnlyList<int>? Grades = null);

/// <summary><c>grade</c> is the lowest of <c>grades</c>; a mixed-grade room lists several.</summary>
public sealed record ClassroomDto(long Id, long SchoolId, int Grade, string ClassName, int Seats, int RosterSize, IReadOnlyList<int> Grades)
{
    public static ClassroomDto From(ClassroomRoom c) => new(c.Id, c.SchoolId, c.Grade, c.ClassName, c.Seats, c.Roster.Count, c.Grades);
}

public sealed record StudioRequest(string? Name);
public sealed record StudioDto(long Id, long SchoolId, string Name)
{
    public static StudioDto From(Studio s) => new(s.Id, s.SchoolId, s.Name);
}

public sealed record TeacherRequest(string? Name);
public sealed record TeacherDto(long Id, long SchoolId, string Name)
{
    public static TeacherDto From(Teacher t) => new(t.Id, t.SchoolId, t.Name);
}

// Link keys are stored as hashes: these two answers of a reset are the only place a clear key appears.
public sealed record KioskLinkDto(string KioskUrl);
public sealed record FeedLinkDto(string FeedUrl);

public sealed record PeriodRequest(DayOfWeek Weekday, string? Name, string? Start, string? End);
/// <summary>A bell schedule; its season is fixed dates (validFrom/validTo) or "MM-dd" days that recur every year (seasonFrom/seasonTo).</summary>
public sealed record BellScheduleRequest(string? Name, DateOnly? ValidFrom, DateOnly? ValidTo, IReadOnlyList<PeriodRequest>? Periods, string? SeasonFrom = null, string? SeasonTo = null);
public sealed record PeriodDto(DayOfWeek Weekday, string Name, string Start, string End);
public sealed record BellScheduleDto(long Id, long SchoolId, string Name, DateOnly? ValidFrom, DateOnly? ValidTo, IReadOnlyList<PeriodDto> Periods, string? SeasonFrom, string? SeasonTo)
{
    public static BellScheduleDto From(BellSchedule b) => new(b.Id, b.SchoolId, b.Name, b.ValidFrom, b.ValidTo,
        b.Periods.OrderBy(p => p.Weekday).ThenBy(p => p.Start)
            .Select(p => new PeriodDto(p.Weekday, p.Name, p.Start.ToString("HH:mm"), p.End.ToString("HH:mm"))).ToList(),
        b.SeasonFrom?.ToString(), b.SeasonTo?.ToString());
}

public sealed record TermDayRequest(DateOnly Date, TermDayKind Kind, DayOfWeek? FollowsWeekday, string? Note);
public sealed record TermRequest(string? Name, DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<TermDayRequest>? SpecialDays);
public sealed record TermDto(long Id, long? AllianceId, string Name, DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<TermDayRequest> SpecialDays)
{
    public static TermDto From(Term t) => new(t.Id, t.AllianceId, t.Name, t.FirstDay, t.LastDay,
        t.SpecialDays.OrderBy(d => d.Date).Select(d => new TermDayRequest(d.Date, d.Kind, d.FollowsWeekday, d.Note)).ToList());
}

/// <summary>A lead lesson; <see cref="RecordingEnabled"/> null keeps the stored value (true for a new lesson).</summary>
/// <summary>
/// <c>oneOffDate</c>: a lesson of that date only (a make-up lesson; a studio booking is one too); its
/// weekday is then the one the date follows in the term calendar (调休) and <c>weekday</c> is ignored.
/// Absent or null: a weekly lesson (a PUT without it makes a one-date lesson weekly).
/// </summary>
public sealed record LeadLessonRequest(long SchoolId, string? Subject, int Grade, long TeacherId, long StudioId, DayOfWeek Weekday, string? PeriodName, double BitrateMbps, bool? RecordingEnabled = null, DateOnly? OneOffDate = null);
/// <summary>
/// <c>oneOffDate</c>: the date of a one-date lesson (make-up lesson or studio booking), null for a weekly one.
/// <c>solveJob</c>: after adding, moving or changing a one-date lesson, the solve of its week that was queued (docs/admin-lead.md).
/// </summary>
public sealed record LeadLessonDto(long Id, long AllianceId, long SchoolId, string Subject, int Grade, long TeacherId, long StudioId, DayOfWeek Weekday, string PeriodName, double BitrateMbps, bool RecordingEnabled, DateOnly? OneOffDate, string? SolveJob = null)
{
    public static LeadLessonDto From(LeadLesson l) =>
        new(l.Id, l.AllianceId, l.SchoolId, l.Subject, l.Grade, l.TeacherId, l.StudioId, l.Weekday, l.PeriodName, l.BitrateMbps, l.RecordingEnabled, l.OneOffDate);
}

public sealed record DemandPeriodRequest(DayOfWeek Weekday, string? PeriodName);
/// <summary><c>grade</c>: which of a mixed-grade room's grades (required there); omitted for a one-grade room.</summary>
public sealed record DemandRequest(string? Subject, int LessonsPerWeek, IReadOnlyList<DemandPeriodRequest>? Periods, int? Grade = null);
public sealed record DemandDto(long Id, long ClassroomId, string Subject, int LessonsPerWeek, IReadOnlyList<DemandPeriodRequest> Periods, int? Grade)
{
    public static DemandDto From(MemberDemand d) => new(d.Id, d.ClassroomId, d.Subject, d.LessonsPerWeek,
        d.Periods.OrderBy(p => p.Weekday).ThenBy(p => p.PeriodName, StringComparer.Ordinal).Select(p => new DemandPeriodRequest(p.Weekday, p.PeriodName)).ToList(), d.Grade);
}

public sealed record RosterEntryRequest(string? SchoolStudentId, string? DisplayName);
public sealed record RosterEntryDto(string SchoolStudentId, string DisplayName);

public sealed record SolveRequest(DateOnly? From, DateOnly? To);
public sealed record StageTokenRequest(long ClassroomId);
public sealed record LessonTokenRequest(string? Role, long? ClassroomId);
public sealed record AdminTokenRequest(long AllianceId, string? Name, int? Hours);
