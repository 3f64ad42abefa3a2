namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// The district's policy of whose lead lessons a member room may take, as the generator sets
/// <see cref="RoomDemand.LessonAlliances"/>: its own alliance only; its own and the listed
/// neighbouring alliances (the previous and next alliance by number, in a ring); any alliance in
/// the county.
/// </summary>
public enum CrossAlliance
{
    Own,
    Listed,
    County,
}

public static class CrossAlliancePolicy
{
    /// <summary>Sets every demand's <see cref="RoomDemand.LessonAlliances"/> by <paramref name="policy"/>; alliances are numbered 1..n.</summary>
    public static PairingProblem Apply(PairingProblem problem, CrossAlliance policy)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var alliances = problem.Lessons.Select(l => l.AllianceId).Concat(problem.Demands.Select(d => d.AllianceId)).Distinct().Order().ToArray();
        var county = alliances.ToHashSet();
        var allowed = new Dictionary<long, IReadOnlySet<long>?>();
        for (var i = 0; i < alliances.Length; i++)
        {
            allowed[alliances[i]] = policy switch
            {
                CrossAlliance.Own => null,
                CrossAlliance.County => county,
                _ => new HashSet<long> { alliances[(i + alliances.Length - 1) % alliances.Length], alliances[(i + 1) % alliances.Length] },
            };
        }

        return problem with { Demands = [.. problem.Demands.Select(d => d with { LessonAlliances = allowed[d.AllianceId] })] };
    }
}
