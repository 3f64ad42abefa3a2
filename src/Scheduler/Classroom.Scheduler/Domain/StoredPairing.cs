namespace Classroom.Scheduler.Domain;

/// <summary>A pairing the solver produced and the alliance uses: room joins lesson occurrence.</summary>
public sealed class StoredPairing
{
    public long Id { get; set; }
    public long AllianceId { get; set; }
    public long SolveRunId { get; set; }
    public required string LessonId { get; set; }
    public long LeadLessonId { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>Start and end as UTC ticks (portable ordering on every provider).</summary>
    public long StartUtcTicks { get; set; }
    public long EndUtcTicks { get; set; }
    public long DemandId { get; set; }
    public long ClassroomId { get; set; }
    public long SchoolId { get; set; }
}

/// <summary>One run of the solver over a date range; its explanations are kept with it.</summary>
public sealed class SolveRun
{
    public long Id { get; set; }
    public long AllianceId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public long CreatedUtcTicks { get; set; }
    public int Demanded { get; set; }
    public int Covered { get; set; }
    public int UpperBound { get; set; }
    /// <summary>Against the range's previous stored result, by (lesson occurrence, room): see docs/scheduler.md "Statistics".</summary>
    public int Kept { get; set; }
    public int Moved { get; set; }
    public int Added { get; set; }
    public int DroppedNotOccurring { get; set; }
    public double ElapsedMs { get; set; }

    /// <summary>The district-wide solve job this run was part of (one run per alliance), if any.</summary>
    public long? DistrictJobId { get; set; }
    public required string SolverStatus { get; set; }

    /// <summary>Uncovered demand with reasons, as JSON (read back whole, never queried into).</summary>
    public required string UncoveredJson { get; set; }

    /// <summary>
    /// The pairings this run added and removed against the range's previous result, with names and
    /// reasons (<see cref="Solving.PairingChange"/>), as JSON capped at <see cref="Solving.SolveChangeList.MaxStored"/>;
    /// empty for runs stored before it existed (docs/admin-solve.md).
    /// </summary>
    public string ChangesJson { get; set; } = "";
}
