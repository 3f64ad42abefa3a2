using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Solving;

namespace Classroom.Scheduler.Tests.Solving;

/// <summary>Which pairings a solve added and removed, and why each removed one went (docs/admin-solve.md).</summary>
public sealed class SolveChangeListTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    private static LessonSlot Slot(long lead, int day, string subject = "音乐") =>
        new($"L{lead}-{Monday.AddDays(day):yyyyMMdd}", lead, 1, 100, 50, 60, subject, 4, Monday.AddDays(day), Monday.AddDays(day).AddMinutes(40), 2);

    private static RoomDemand Demand(long id, long room, string subject = "音乐", int count = 2) =>
        new(id, 1, room, 200 + room, subject, 4, count, [new TimeWindow(Monday, Monday.AddDays(7))]);

    private static SolveChangeList.Before Was(LessonSlot s, long room, long demand) =>
        new(s.LessonId, s.LeadLessonId, DateOnly.FromDateTime(s.Start.DateTime), s.Start, s.End, room, 200 + room, demand);

    private static readonly SolveChangeList.Names Names = new(
        new Dictionary<long, SolveChangeList.LessonInfo> { [1] = new("音乐", 4, 50, 100), [2] = new("音乐", 4, 50, 100), [3] = new("美术", 4, 51, 100) },
        new Dictionary<long, string> { [50] = "王芳", [51] = "李静" },
        new Dictionary<long, string> { [100] = "城关一小", [207] = "河湾村小学", [208] = "石桥村小学" },
        new Dictionary<long, string> { [7] = "4年级1班", [8] = "4年级2班" },
        new Dictionary<long, (string, int?)> { [70] = ("音乐", 4), [71] = ("美术", 4), [90] = ("书法", 4) });

    private static PairingProblem Problem(IReadOnlyList<LessonSlot> lessons, IReadOnlyList<RoomDemand> demands) =>
        new(lessons, demands, [], [], PairingSettings.Default);

    [Fact]
    public void Every_removed_pairing_says_why_and_every_added_one_carries_its_names()
    {
        var l1 = Slot(1, 0);
        var l2 = Slot(2, 3);
        var art = Slot(3, 1, "美术");
        var holiday = Slot(1, 2); // lesson 1 on Wednesday: the day became a holiday
        var deleted = Slot(9, 4); // lead lesson 9 is gone from the store
        var previous = new[]
        {
            Was(l1, 7, 70), // kept
            Was(l2, 7, 70), // reassigned: room 7 still wants music, the solver chose room 8 instead
            Was(holiday, 7, 70), // not occurring
            Was(deleted, 7, 90), // lesson deleted: subject from the demand
            Was(art, 7, 71), // demand changed: room 7 has no art demand any more
            Was(l1, 9, 72), // room gone: room 9 has no demand at all
        };
        var now = new[] { new LessonPairing(l1.LessonId, 1, 70, 7, 207), new LessonPairing(l2.LessonId, 2, 80, 8, 208) };
        var problem = Problem([l1, l2, art], [Demand(70, 7), Demand(80, 8)]);

        var changes = SolveChangeList.Between(previous, now, problem, Names);

        var removed = changes.Where(c => c.Kind == "removed").ToDictionary(c => (c.LessonId, c.ClassroomId), c => c.Reason);
        Assert.Equal(5, removed.Count);
        Assert.Equal("reassigned", removed[(l2.LessonId, 7)]);
        Assert.Equal("not_occurring", removed[(holiday.LessonId, 7)]);
        Assert.Equal("lesson_deleted", removed[(deleted.LessonId, 7)]);
        Assert.Equal("demand_changed", removed[(art.LessonId, 7)]);
        Assert.Equal("room_gone", removed[(l1.LessonId, 9)]);
        var gone = changes.Single(c => c.LessonId == deleted.LessonId);
        Assert.Equal(("书法", (int?)4, (string?)null), (gone.Subject, gone.Grade, gone.TeacherName));

        var added = Assert.Single(changes, c => c.Kind == "added");
        Assert.Equal((l2.LessonId, 8L, "4年级2班", "石桥村小学", "王芳", "城关一小", (string?)null),
            (added.LessonId, added.ClassroomId, added.ClassroomName, added.SchoolName, added.TeacherName, added.LeadSchoolName, added.Reason));

        // The list agrees with the counts: removed = moved + dropped, added = added.
        var counts = SolveChanges.Between(previous.Select(p => (p.LessonId, p.ClassroomId)), now.Select(p => (p.LessonId, p.ClassroomId)), problem.Lessons.Select(l => l.LessonId));
        Assert.Equal(counts.Moved + counts.DroppedNotOccurring, removed.Count);
        Assert.Equal(1, counts.Added);
        Assert.Equal(2, removed.Values.Count(r => r is "not_occurring" or "lesson_deleted"));
        Assert.Equal(2, counts.DroppedNotOccurring);
    }

    [Fact]
    public void Changes_are_ordered_by_time_with_the_removed_first()
    {
        var early = Slot(1, 0);
        var late = Slot(2, 3);
        var changes = SolveChangeList.Between([Was(late, 7, 70), Was(early, 7, 70)],
            [new LessonPairing(late.LessonId, 2, 80, 8, 208), new LessonPairing(early.LessonId, 1, 80, 8, 208)],
            Problem([early, late], [Demand(70, 7), Demand(80, 8)]), Names);

        Assert.Equal(["removed", "added", "removed", "added"], changes.Select(c => c.Kind));
        Assert.Equal([early.LessonId, early.LessonId, late.LessonId, late.LessonId], changes.Select(c => c.LessonId));
    }
}
