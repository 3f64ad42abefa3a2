namespace Classroom.Scheduler.Solving;

/// <summary>
/// An alliance whose rooms may take other alliances' lessons (or whose lessons other alliances'
/// rooms may take) cannot be solved alone without breaking the others' capacity and fairness:
/// the district solves them together.
/// </summary>
public sealed class DistrictSolveRequiredException(long allianceId, IReadOnlyList<long> entangled)
    : InvalidOperationException($"Alliance {allianceId} shares lessons with alliance(s) {string.Join(", ", entangled)} under the district's cross-alliance policy; solve the district (POST /api/district/solve).")
{
    public long AllianceId { get; } = allianceId;

    public IReadOnlyList<long> Entangled { get; } = entangled;
}
