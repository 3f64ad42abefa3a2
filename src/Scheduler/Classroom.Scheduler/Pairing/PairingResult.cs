namespace Classroom.Scheduler.Pairing;

public sealed record PairingResult(
    IReadOnlyList<LessonPairing> Pairings,
    IReadOnlyList<UncoveredDemand> Uncovered,
    PairingStats Stats);

/// <summary>Room <see cref="ClassroomId"/> joins lesson occurrence <see cref="LessonId"/> to meet demand <see cref="DemandId"/>.</summary>
public sealed record LessonPairing(string LessonId, long LeadLessonId, long DemandId, long ClassroomId, long SchoolId);

/// <summary>
/// Demand the solver could not meet, with the constraint that blocked it. <see cref="Detail"/> is a
/// human-readable English sentence and <see cref="DetailZh"/> the same in Simplified Chinese (null in
/// runs stored before it existed); <see cref="Reason"/> is what UIs translate.
/// </summary>
public sealed record UncoveredDemand(long DemandId, long ClassroomId, long SchoolId, int Missing, UncoveredReason Reason, string Detail, string? DetailZh = null);

public enum UncoveredReason
{
    /// <summary>No lead lesson of that subject and grade in the range.</summary>
    NoMatchingLesson,

    /// <summary>Matching lessons exist, but none overlaps the room's windows by the required share.</summary>
    NoOverlappingPeriod,

    /// <summary>Fewer distinct candidate lessons than the demand asks for.</summary>
    NotEnoughLessons,

    /// <summary>The room is in another lesson at every remaining candidate time.</summary>
    RoomBusy,

    /// <summary>The school's link is full at every remaining candidate time.</summary>
    LinkFull,

    /// <summary>Every remaining candidate lesson already has the relay's room capacity.</summary>
    RelayCapacityFull,

    /// <summary>Candidate lessons clash with others of the same teacher or studio.</summary>
    TeacherOrStudioBusy,

    /// <summary>Capacity was shared with other schools for fairness.</summary>
    FairShare,

    /// <summary>The time limit ended the search first.</summary>
    TimeLimit,
}

/// <param name="UpperBound">Coverage no solution can exceed, computed independently of the solver's own bound.</param>
/// <param name="Kept">Distinct previous pairings present in the result (a dated one on its date only).</param>
/// <param name="Moved">Previous pairings not kept (including those whose lesson or room is not in the problem).</param>
/// <param name="UpperBoundBySchool">The independent bound per member school (a district-wide solve reports it per alliance).</param>
public sealed record PairingStats(
    int Demanded,
    int Covered,
    int UpperBound,
    int Kept,
    int Moved,
    TimeSpan Elapsed,
    string SolverStatus,
    IReadOnlyDictionary<long, int>? UpperBoundBySchool = null);

public interface IPairingSolver
{
    PairingResult Solve(PairingProblem problem, CancellationToken cancellationToken = default);
}
