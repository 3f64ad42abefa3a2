using System.Globalization;
using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>
/// Tiny problems with arbitrary times — partial overlaps, mixed lengths, lessons across midnight,
/// shared teachers and studios, thin links, one-to-three-seat relays — which generated bell
/// schedules never produce (their lessons either coincide or are disjoint).
/// </summary>
internal static class RandomProblems
{
    public static PairingProblem Tiny(int seed)
    {
        var rng = new Random(seed);
        var monday = ProblemBuilder.Monday;
        var subjects = new[] { "音乐", "美术" };
        var lessons = new List<LessonSlot>();
        for (var i = 1; i <= rng.Next(4, 9); i++)
        {
            // Mostly one morning; sometimes late evening so the lesson crosses midnight.
            var start = rng.Next(6) == 0 ? monday.AddHours(23).AddMinutes(5 * rng.Next(12)) : monday.AddHours(8).AddMinutes(5 * rng.Next(36));
            var end = start.AddMinutes(30 + (5 * rng.Next(7)));
            var id = string.Create(CultureInfo.InvariantCulture, $"L{i}-{start:yyyyMMdd}");
            lessons.Add(new LessonSlot(id, i, 1, 100, rng.Next(1, 4), rng.Next(1, 3), subjects[rng.Next(2)], 3, start, end, 1 + rng.Next(3)));
        }

        var demands = new List<RoomDemand>();
        for (var d = 1; d <= rng.Next(3, 7); d++)
        {
            var room = rng.Next(1, 4);
            var windows = Enumerable.Range(0, rng.Next(1, 4))
                .Select(_ => lessons[rng.Next(lessons.Count)].Start.AddMinutes(5 * rng.Next(-4, 3)))
                .Select(s => new TimeWindow(s, s.AddMinutes(30 + (10 * rng.Next(8)))))
                .ToList();
            demands.Add(new RoomDemand(d, 1, room, 1 + (room % 2), subjects[rng.Next(2)], 3, rng.Next(1, 4), windows));
        }

        var schools = new List<SchoolLink> { new(1, "A", 2 + rng.Next(5)), new(2, "B", 2 + rng.Next(5)) };
        return new PairingProblem(lessons, demands, schools, [], new PairingSettings(0.7, rng.Next(1, 4), TimeSpan.FromSeconds(5), 1));
    }
}
