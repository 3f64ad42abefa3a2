namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// Shape of a synthetic district. The defaults give the benchmark district: 30 alliances of one
/// lead school and 9 member schools (300 schools), ~3,000 member classrooms, ~5,000 lead-lesson
/// occurrences in one week. Tests shrink it and tighten links/relays to make constraints bind.
/// </summary>
public sealed record DistrictOptions
{
    public int Seed { get; init; } = 1;

    public int Alliances { get; init; } = 30;

    public int MembersPerAlliance { get; init; } = 9;

    public int MinRoomsPerMember { get; init; } = 8;

    public int MaxRoomsPerMember { get; init; } = 14;

    /// <summary>Grades 1..Grades are taught; fewer grades make small alliances denser.</summary>
    public int Grades { get; init; } = 9;

    /// <summary>Streamed lead classes per grade (each takes every subject at its weekly frequency).</summary>
    public int MinStreamsPerGrade { get; init; } = 1;

    public int MaxStreamsPerGrade { get; init; } = 2;

    public double MinLinkMbps { get; init; } = 20;

    public double MaxLinkMbps { get; init; } = 100;

    public int RelayCapacityPerLesson { get; init; } = 30;

    /// <summary>Share of lessons placed ignoring the teacher's and studio's other lessons (bad data that the solver must respect).</summary>
    public double ClashProbability { get; init; }

    /// <summary>Chance that a member room reserves the period under a matching lead lesson.</summary>
    public double AlignProbability { get; init; } = 0.75;

    /// <summary>Monday of the solved week, Beijing time.</summary>
    public DateTimeOffset WeekStart { get; init; } = new(2026, 9, 7, 0, 0, 0, TimeSpan.FromHours(8));

    public PairingSettings Settings { get; init; } = new(0.8, 30, TimeSpan.FromSeconds(10), 2);

    /// <summary>Whose lead lessons a member room may take. <see cref="CrossAlliance.Own"/> (the default) leaves the district as it always was.</summary>
    public CrossAlliance Cross { get; init; } = CrossAlliance.Own;

    /// <summary>A small, tight alliance for property tests (seeded).</summary>
    public static DistrictOptions Small(int seed) => new()
    {
        Seed = seed,
        Alliances = 1 + (seed & 1),
        MembersPerAlliance = 2 + (seed % 3),
        MinRoomsPerMember = 1,
        MaxRoomsPerMember = 4,
        Grades = 2,
        MaxStreamsPerGrade = 1,
        MinLinkMbps = 2,
        MaxLinkMbps = 7,
        RelayCapacityPerLesson = 2,
        ClashProbability = 0.2,
        Settings = new PairingSettings(0.8, 2, TimeSpan.FromSeconds(5), 1),
    };
}
