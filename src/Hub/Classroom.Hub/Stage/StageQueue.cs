using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Stage;

/// <summary>
/// The fair order of waiting hands: a room whose school has not been on stage yet this lesson
/// comes before any room of a school already called; then schools called fewer times; then the
/// school called longest ago; then whoever raised the hand first. So one eager school with many
/// rooms cannot hold the stage while another school waits.
/// </summary>
public static class StageQueue
{
    public static IReadOnlyList<HandRecord> Order(IEnumerable<HandRecord> waiting, IEnumerable<StageCallRecord> calls)
    {
        var bySchool = calls.GroupBy(c => c.SchoolId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Last: g.Max(c => c.CalledAtMs)));
        return waiting
            .Where(h => h.State == HandStates.Waiting)
            .OrderBy(h => bySchool.TryGetValue(h.SchoolId, out var s) ? s.Count : 0)
            .ThenBy(h => bySchool.TryGetValue(h.SchoolId, out var s) ? s.Last : long.MinValue)
            .ThenBy(h => h.ReceivedAtMs)
            .ThenBy(h => h.Id)
            .ToList();
    }
}
