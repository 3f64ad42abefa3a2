using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Pairing.Synthetic;
using static Classroom.Scheduler.Tests.Pairing.ProblemBuilder;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>The county shape of issue 12 as the generator emits it, and the checker's policy rule on hand-made results.</summary>
public sealed class CountyGeneratorTests
{
    private static readonly CpSatPairingSolver Solver = new();

    [Fact]
    public void The_benchmark_district_is_unchanged_by_the_county_options()
    {
        // The counts docs/bench-scheduler.md has always reported for DistrictOptions { Seed = 1 }.
        var problem = DistrictGenerator.Generate(new DistrictOptions { Seed = 1 });

        Assert.Equal((4836, 8846, 12444, 2971), (problem.Lessons.Count, problem.Demands.Count, problem.Demands.Sum(d => d.Count), problem.Demands.Select(d => d.ClassroomId).Distinct().Count()));
        Assert.All(problem.Demands, d => Assert.Null(d.LessonAlliances));
    }

    [Fact]
    public void A_county_has_town_alliances_village_schools_and_teaching_points_with_two_grade_rooms()
    {
        var problem = CountyGenerator.Generate(new CountyOptions());

        Assert.Equal(8, problem.Lessons.Select(l => l.AllianceId).Distinct().Count());
        Assert.Equal(100 - 8, problem.Schools.Count);
        var mixed = problem.Demands.GroupBy(d => d.ClassroomId).Where(g => g.Select(d => d.Grade).Distinct().Count() == 2).ToList();
        Assert.NotEmpty(mixed);
        Assert.All(mixed, room => Assert.Contains("教学点", problem.Schools.Single(s => s.SchoolId == room.First().SchoolId).Name, StringComparison.Ordinal));
        Assert.All(problem.Demands, d => Assert.Null(d.LessonAlliances));
    }

    [Fact]
    public void The_raw_timetable_double_books_some_studios()
    {
        var lessons = CountyGenerator.Generate(new CountyOptions { StudioClashProbability = 0.1 }).Lessons;

        var clashes = from a in lessons
                      from b in lessons
                      where a.StudioId == b.StudioId && string.CompareOrdinal(a.LessonId, b.LessonId) < 0 && a.Start < b.End && b.Start < a.End
                      select (a, b);
        Assert.NotEmpty(clashes);
    }

    [Fact]
    public void Policies_list_neighbours_or_the_whole_county()
    {
        var listed = CountyGenerator.Generate(new CountyOptions { Cross = CrossAlliance.Listed });
        var county = CountyGenerator.Generate(new CountyOptions { Cross = CrossAlliance.County });

        Assert.Equal([1, 3], listed.Demands.First(d => d.AllianceId == 2).LessonAlliances!.Order());
        Assert.Equal([2, 8], listed.Demands.First(d => d.AllianceId == 1).LessonAlliances!.Order());
        Assert.Equal(8, county.Demands.First().LessonAlliances!.Count);
        Assert.Equal(listed.Lessons, county.Lessons);
    }

    [Fact]
    public void Holidays_remove_a_days_lessons_and_windows_and_a_make_up_day_repeats_thursday_on_winter_bells()
    {
        var normal = CountyGenerator.Generate(new CountyOptions { Week = CountyWeek.Normal });
        var holiday = CountyGenerator.Generate(new CountyOptions { Week = CountyWeek.Holiday });
        var makeUp = CountyGenerator.Generate(new CountyOptions { Week = CountyWeek.MakeUp });

        static IEnumerable<DateOnly> Dates(PairingProblem p) => p.Lessons.Select(l => DateOnly.FromDateTime(l.Start.DateTime))
            .Concat(p.Demands.SelectMany(d => d.Windows).Select(w => DateOnly.FromDateTime(w.Start.DateTime))).Distinct();
        Assert.DoesNotContain(Dates(holiday), d => d.Month == 10);
        Assert.Equal([new(2026, 10, 8), new(2026, 10, 9), new(2026, 10, 10)], Dates(makeUp).Order());

        // Saturday 10 October runs exactly Thursday's lead lessons, at the same times of day.
        var thursday = makeUp.Lessons.Where(l => l.Start.Day == 8).ToList();
        var saturday = makeUp.Lessons.Where(l => l.Start.Day == 10).ToList();
        Assert.Equal(thursday.Select(l => (l.LeadLessonId, l.Start.TimeOfDay)), saturday.Select(l => (l.LeadLessonId, l.Start.TimeOfDay)));

        // The same weekly timetable on summer hours (afternoon from 14:30) and winter hours (from 14:00).
        static TimeSpan EarliestAfternoon(PairingProblem p) => p.Lessons.Where(l => l.Start.Hour >= 13).Min(l => l.Start.TimeOfDay);
        Assert.True(EarliestAfternoon(normal) >= TimeSpan.FromMinutes((14 * 60) + 25), $"summer afternoon from {EarliestAfternoon(normal)}");
        Assert.True(EarliestAfternoon(makeUp) <= TimeSpan.FromMinutes((14 * 60) + 5), $"winter afternoon from {EarliestAfternoon(makeUp)}");
        Assert.Equal(normal.Lessons.Select(l => l.LeadLessonId).Distinct().Count(), makeUp.Lessons.Select(l => l.LeadLessonId).Concat(holiday.Lessons.Select(l => l.LeadLessonId)).Distinct().Count());
    }

    [Fact]
    public void The_district_moved_onto_a_calendar_week_drops_holidays_and_repeats_thursday_on_the_make_up_day()
    {
        var district = DistrictGenerator.Generate(DistrictOptions.Small(3));

        var same = DistrictGenerator.InWeek(district, CountyWeek.Normal);
        var makeUp = DistrictGenerator.InWeek(district, CountyWeek.MakeUp);

        Assert.Equal(district.Lessons, same.Lessons);
        Assert.Equal(district.Demands.SelectMany(d => d.Windows), same.Demands.SelectMany(d => d.Windows));
        var thursday = district.Lessons.Where(l => l.Start.DayOfWeek == DayOfWeek.Thursday).Select(l => (l.LeadLessonId, l.Start.TimeOfDay)).ToList();
        Assert.Equal(thursday, makeUp.Lessons.Where(l => l.Start.Day == 8).Select(l => (l.LeadLessonId, l.Start.TimeOfDay)));
        Assert.Equal(thursday, makeUp.Lessons.Where(l => l.Start.Day == 10).Select(l => (l.LeadLessonId, l.Start.TimeOfDay)));
        Assert.DoesNotContain(makeUp.Demands.SelectMany(d => d.Windows), w => w.Start.Day is 5 or 6 or 7);
        Assert.Empty(PairingChecker.Violations(makeUp, Solver.Solve(makeUp)));
    }

    [Fact]
    public void The_checker_refuses_a_lesson_of_an_alliance_the_policy_does_not_list()
    {
        var b = new ProblemBuilder();
        var other = b.Lesson(1, "音乐", At(9, 0), alliance: 2);
        b.DemandIn(1, 11, 1, "音乐", 1, 3, Window(At(9, 0), 45));
        var problem = b.Build();
        var listed = problem with { Demands = [problem.Demands[0] with { LessonAlliances = new HashSet<long> { 2 } }] };
        var crossPairing = new PairingResult([new LessonPairing(other, 1, 1, 11, 1)], [], new PairingStats(1, 1, 1, 0, 0, TimeSpan.Zero, "OPTIMAL"));

        Assert.Contains(PairingChecker.Violations(problem, crossPairing), e => e.Contains("policy", StringComparison.Ordinal));
        Assert.Empty(PairingChecker.Violations(listed, crossPairing));
        Assert.Equal(0, Solver.Solve(problem).Stats.Covered);
        Assert.Equal(1, Solver.Solve(listed).Stats.Covered);
    }

    [Fact]
    public void The_checker_refuses_a_two_grade_room_in_two_lessons_at_once()
    {
        var b = new ProblemBuilder();
        var grade3 = b.Lesson(1, "音乐", At(9, 0), grade: 3);
        var grade4 = b.Lesson(2, "美术", At(9, 10), grade: 4);
        b.DemandIn(1, 11, 1, "音乐", 1, 3, Window(At(9, 0), 60));
        b.DemandIn(1, 11, 1, "美术", 1, 4, Window(At(9, 0), 60));
        var problem = b.Build();
        var both = new PairingResult(
            [new LessonPairing(grade3, 1, 1, 11, 1), new LessonPairing(grade4, 2, 2, 11, 1)], [], new PairingStats(2, 2, 2, 0, 0, TimeSpan.Zero, "OPTIMAL"));

        Assert.Contains(PairingChecker.Violations(problem, both), e => e.Contains("room 11", StringComparison.Ordinal));
        var solved = Solver.Solve(problem);
        Assert.Equal(1, solved.Stats.Covered);
        Assert.Equal(UncoveredReason.RoomBusy, Assert.Single(solved.Uncovered).Reason);
    }
}
