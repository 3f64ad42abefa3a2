using System.Globalization;
using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>
/// Tiny problems with several alliances and arbitrary times: each alliance draws a policy (own
/// only, one listed other alliance, or any in the county), and room 1 is a mixed-grade room (复式班)
/// with demands for grades 3 and 4, so its two grades compete for the one room.
/// </summary>
internal static class RandomCountyProblems
{
    public const long MixedRoom = 1;

    public static PairingProblem Tiny(int seed)
    {
        var rng = new Random(seed);
        var monday = ProblemBuilder.Monday;
        var subjects = new[] { "音乐", "美术" };
        var alliances = rng.Next(2, 4);
        var lessons = new List<LessonSlot>();
        for (var i = 1; i <= rng.Next(4, 9); i++)
        {
            var alliance = rng.Next(1, alliances + 1);
            var start = rng.Next(6) == 0 ? monday.AddHours(23).AddMinutes(5 * rng.Next(12)) : monday.AddHours(8).AddMinutes(5 * rng.Next(36));
            var end = start.AddMinutes(30 + (5 * rng.Next(7)));
            var id = string.Create(CultureInfo.InvariantCulture, $"L{i}-{start:yyyyMMdd}");
            lessons.Add(new LessonSlot(id, i, alliance, 100 * alliance, (10 * alliance) + rng.Next(1, 3), (10 * alliance) + rng.Next(1, 3), subjects[rng.Next(2)], 3 + rng.Next(2), start, end, 1 + rng.Next(3)));
        }

        var policies = new Dictionary<long, IReadOnlySet<long>?>();
        for (long a = 1; a <= alliances; a++)
        {
            policies[a] = rng.Next(3) switch
            {
                0 => null,
                1 => new HashSet<long> { 1 + ((a + rng.Next(alliances - 1)) % alliances) },
                _ => Enumerable.Range(1, alliances).Select(x => (long)x).ToHashSet(),
            };
        }

        var demands = new List<RoomDemand>();
        for (var d = 1; d <= rng.Next(3, 7); d++)
        {
            var room = rng.Next(1, 4);
            long alliance = 1 + ((room + seed) % alliances);
            var grade = room == MixedRoom ? 3 + (d % 2) : 3;
            var windows = Enumerable.Range(0, rng.Next(1, 4))
                .Select(_ => lessons[rng.Next(lessons.Count)].Start.AddMinutes(5 * rng.Next(-4, 3)))
                .Select(s => new TimeWindow(s, s.AddMinutes(30 + (10 * rng.Next(8)))))
                .ToList();
            demands.Add(new RoomDemand(d, alliance, room, room, subjects[rng.Next(2)], grade, rng.Next(1, 4), windows, policies[alliance]));
        }

        var schools = Enumerable.Range(1, 3).Select(s => new SchoolLink(s, $"school {s}", 2 + rng.Next(5))).ToList();
        return new PairingProblem(lessons, demands, schools, [], new PairingSettings(0.7, rng.Next(1, 4), TimeSpan.FromSeconds(5), 1));
    }
}
