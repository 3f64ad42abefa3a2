namespace Classroom.Scheduler.Pairing;

/// <summary>
/// Everything the pairing solver needs, already resolved to absolute times: the domain layer
/// expands bell schedules, the term calendar and weekly lead lessons into this plain input, so
/// the solver knows nothing of EF, calendars or periods.
/// </summary>
public sealed record PairingProblem(
    IReadOnlyList<LessonSlot> Lessons,
    IReadOnlyList<RoomDemand> Demands,
    IReadOnlyList<SchoolLink> Schools,
    IReadOnlyList<PreviousPairing> Previous,
    PairingSettings Settings);

/// <summary>One occurrence of a lead lesson (fixed in time by the lead school's timetable).</summary>
/// <param name="LessonId">Occurrence id, <c>L{leadLessonId}-{yyyyMMdd}</c>.</param>
/// <param name="BitrateMbps">Stream bitrate; each paired room's school link carries it while the lesson runs.</param>
public sealed record LessonSlot(
    string LessonId,
    long LeadLessonId,
    long AllianceId,
    long LeadSchoolId,
    long TeacherId,
    long StudioId,
    string Subject,
    int Grade,
    DateTimeOffset Start,
    DateTimeOffset End,
    double BitrateMbps);

/// <summary>
/// A member classroom's need: <paramref name="Count"/> lessons of a subject for one of its grades
/// (a mixed-grade room, 复式班, has a demand per grade) within the solved range, in any of the
/// <paramref name="Windows"/> (absolute times the room can take it, from its own bell schedule and
/// the calendar). <paramref name="LessonAlliances"/> lists the alliances whose lead lessons the
/// room may take (the district's cross-alliance policy); null means its own alliance only.
/// <paramref name="OnlyLeadLesson"/> ties the demand to one lead lesson: a room a studio
/// booking chose by hand.
/// </summary>
public sealed record RoomDemand(
    long DemandId,
    long AllianceId,
    long ClassroomId,
    long SchoolId,
    string Subject,
    int Grade,
    int Count,
    IReadOnlyList<TimeWindow> Windows,
    IReadOnlySet<long>? LessonAlliances = null,
    long? OnlyLeadLesson = null)
{
    /// <summary>True when a lead lesson of <paramref name="allianceId"/> may serve this demand.</summary>
    public bool MayTakeFrom(long allianceId) => allianceId == AllianceId || (LessonAlliances?.Contains(allianceId) ?? false);
}

public readonly record struct TimeWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Overlap(DateTimeOffset start, DateTimeOffset end)
    {
        var s = start > Start ? start : Start;
        var e = end < End ? end : End;
        return e > s ? e - s : TimeSpan.Zero;
    }
}

/// <summary>A member school's network link: the sum of concurrent incoming lesson streams must fit.</summary>
public sealed record SchoolLink(long SchoolId, string Name, double LinkMbps);

/// <summary>
/// A pairing that exists already: keep it if possible. With a <paramref name="Date"/> (local date
/// in the alliance's zone, as in the occurrence id) only that occurrence counts as keeping it, so a
/// re-solve of a 调休 week, where one lead lesson occurs twice, does not swap a room's two days.
/// Without a date any occurrence of the lead lesson does (last week's pairings carried into a new
/// week, synthetic benchmarks).
/// </summary>
public sealed record PreviousPairing(long LeadLessonId, long ClassroomId, DateOnly? Date = null);

/// <param name="MinOverlapShare">A room's window must cover at least this share of the lesson (0..1].</param>
/// <param name="RelayCapacityPerLesson">At most this many member rooms in one lesson.</param>
/// <param name="TimeLimit">Wall-clock limit for the whole solve.</param>
/// <param name="Workers">CP-SAT search workers (0 = solver default).</param>
public sealed record PairingSettings(
    double MinOverlapShare,
    int RelayCapacityPerLesson,
    TimeSpan TimeLimit,
    int Workers = 0)
{
    public static PairingSettings Default { get; } = new(0.8, 200, TimeSpan.FromSeconds(10));
}
