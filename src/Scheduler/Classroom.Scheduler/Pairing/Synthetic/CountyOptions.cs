namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// Shape of a synthetic county (issue 12): <see cref="Towns"/> town alliances share
/// <see cref="Schools"/> schools. Each town has one central school (the lead, with studios and
/// specialist teachers for only some subjects), village schools (one room per grade) and teaching
/// points (教学点) whose one or two rooms each hold two grades (复式班). Defaults: 100 schools in 8
/// towns, grades 1–6, own-alliance policy, an ordinary week of summer hours.
/// </summary>
public sealed record CountyOptions
{
    public int Seed { get; init; } = 1;

    public int Schools { get; init; } = 100;

    public int Towns { get; init; } = 8;

    /// <summary>Share of a town's non-central schools that are teaching points.</summary>
    public double TeachingPointShare { get; init; } = 0.4;

    public int Grades { get; init; } = 6;

    /// <summary>Subjects a central school has specialist teachers for and streams (of the six).</summary>
    public int MinSubjectsStreamed { get; init; } = 2;

    public int MaxSubjectsStreamed { get; init; } = 4;

    /// <summary>Share of lead lessons entered into a studio slot that is already taken (raw timetable double-bookings).</summary>
    public double StudioClashProbability { get; init; } = 0.03;

    /// <summary>Chance that a room reserves the period under a matching lesson of its own town.</summary>
    public double AlignProbability { get; init; } = 0.75;

    /// <summary>Village schools' links (Mbit/s, in steps of 10 when the range allows).</summary>
    public (double Min, double Max) VillageLinkMbps { get; init; } = (20, 100);

    /// <summary>Teaching points' links: thinner.</summary>
    public (double Min, double Max) PointLinkMbps { get; init; } = (10, 30);

    public CrossAlliance Cross { get; init; } = CrossAlliance.Own;

    public CountyWeek Week { get; init; } = CountyWeek.Normal;

    public PairingSettings Settings { get; init; } = new(0.8, 30, TimeSpan.FromSeconds(10), 2);

    /// <summary>A tiny county for property tests: 2–3 towns, a few rooms, grades 1–2, tight links and relays.</summary>
    public static CountyOptions Small(int seed) => new()
    {
        Seed = seed,
        Towns = 2 + (seed % 2),
        Schools = 6 + (seed % 4),
        Grades = 2,
        MinSubjectsStreamed = 1,
        MaxSubjectsStreamed = 3,
        StudioClashProbability = 0.2,
        VillageLinkMbps = (2, 7),
        PointLinkMbps = (2, 5),
        Cross = (CrossAlliance)(seed % 3),
        Week = (seed / 3 % 3) switch { 0 => CountyWeek.Normal, 1 => CountyWeek.Holiday, _ => CountyWeek.MakeUp },
        Settings = new PairingSettings(0.8, 2, TimeSpan.FromSeconds(5), 1),
    };
}
