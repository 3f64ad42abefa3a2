using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Solving;

namespace Classroom.Scheduler.Tests.Solving;

public sealed class ProblemBuilderTests
{
    private static BellSchedule Schedule(string name, DateOnly? from, DateOnly? to, int startMinute) => new()
    {
        Name = name, ValidFrom = from, ValidTo = to,
        Periods = [.. Enum.GetValues<DayOfWeek>().Select(d => new BellPeriod
        {
            Weekday = d, Name = "第5节", Start = new TimeOnly(startMinute / 60, startMinute % 60), End = new TimeOnly((startMinute + 40) / 60, (startMinute + 40) % 60),
        })],
    };

    private static AllianceSnapshot Snapshot()
    {
        var lead = new School { Id = 1, AllianceId = 1, Name = "Lead", Code = "L", IsLead = true, LinkMbps = 100 };
        lead.BellSchedules.Add(Schedule("winter", new DateOnly(2026, 10, 1), new DateOnly(2027, 4, 30), (14 * 60) + 30));
        lead.BellSchedules.Add(Schedule("summer", new DateOnly(2026, 5, 1), new DateOnly(2026, 9, 30), 15 * 60));
        var member = new School { Id = 2, AllianceId = 1, Name = "Village", Code = "V", LinkMbps = 10 };
        member.BellSchedules.Add(Schedule("all year", null, null, (14 * 60) + 35));
        var room = new ClassroomRoom { Id = 7, SchoolId = 2, Grade = 4, ClassName = "4-1", KioskKeyHash = "k", FeedKeyHash = "f" };
        room.Demands.Add(new MemberDemand
        {
            Id = 70, ClassroomId = 7, Subject = "音乐", LessonsPerWeek = 2,
            Periods = [new DemandPeriod { Weekday = DayOfWeek.Wednesday, PeriodName = "第5节" }],
        });
        member.Classrooms.Add(room);
        var term = new Term
        {
            Name = "t", FirstDay = new DateOnly(2026, 9, 1), LastDay = new DateOnly(2027, 1, 20),
            SpecialDays = [new TermDay { Date = new DateOnly(2026, 10, 10), Kind = TermDayKind.MakeUp, FollowsWeekday = DayOfWeek.Wednesday }],
        };
        var lesson = new LeadLesson { Id = 3, AllianceId = 1, SchoolId = 1, Subject = "音乐", Grade = 4, TeacherId = 1, StudioId = 1, Weekday = DayOfWeek.Wednesday, PeriodName = "第5节", BitrateMbps = 2 };
        return new AllianceSnapshot(new Alliance { Id = 1, Name = "A" }, [lead, member], [term], [lesson]);
    }

    [Fact]
    public void Lessons_follow_the_lead_schools_seasonal_bells_and_the_make_up_day()
    {
        // Week of 2026-09-28: Wednesday 9/30 is summer (15:00), Saturday 10/10 is in the next week.
        var built = ProblemBuilder.Build(Snapshot(), new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 11), [], PairingSettings.Default);
        var lessons = built.Problem.Lessons.OrderBy(l => l.Start).ToList();
        Assert.Equal(["L3-20260930", "L3-20261007", "L3-20261010"], lessons.Select(l => l.LessonId));
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 15, 0, 0, TimeSpan.FromHours(8)), lessons[0].Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 7, 14, 30, 0, TimeSpan.FromHours(8)), lessons[1].Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 14, 30, 0, TimeSpan.FromHours(8)), lessons[2].Start);
        Assert.Empty(built.Warnings);
    }

    [Fact]
    public void Member_windows_use_the_member_schools_own_bells()
    {
        var built = ProblemBuilder.Build(Snapshot(), new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 11), [], PairingSettings.Default);
        var demand = Assert.Single(built.Problem.Demands);
        Assert.Equal(2, demand.Count);
        Assert.Equal(4, demand.Grade);
        Assert.Equal(
            [new DateTimeOffset(2026, 10, 7, 14, 35, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 10, 10, 14, 35, 0, TimeSpan.FromHours(8))],
            demand.Windows.Select(w => w.Start));
        Assert.Equal(10, Assert.Single(built.Problem.Schools).LinkMbps);
    }

    [Fact]
    public void A_missing_period_is_reported_not_invented()
    {
        var snapshot = Snapshot();
        var lesson = snapshot.LeadLessons[0];
        lesson.PeriodName = "第9节";
        var built = ProblemBuilder.Build(snapshot, new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 11), [], PairingSettings.Default);
        Assert.Empty(built.Problem.Lessons);
        Assert.Equal(2, built.Warnings.Count);
        Assert.Contains("第9节", built.Warnings[0], StringComparison.Ordinal);
    }
}
