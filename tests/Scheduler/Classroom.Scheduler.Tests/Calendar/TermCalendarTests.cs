using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Tests.Calendar;

public sealed class TermCalendarTests
{
    // Autumn term 2026: National Day week off, and two Sundays/Saturdays worked (调休).
    private static readonly Term Autumn = new()
    {
        Name = "2026秋",
        FirstDay = new DateOnly(2026, 9, 1),
        LastDay = new DateOnly(2027, 1, 22),
        SpecialDays =
        [
            .. Enumerable.Range(1, 7).Select(d => new TermDay { Date = new DateOnly(2026, 10, d), Kind = TermDayKind.Holiday }),
            new TermDay { Date = new DateOnly(2026, 9, 27), Kind = TermDayKind.MakeUp, FollowsWeekday = DayOfWeek.Thursday },
            new TermDay { Date = new DateOnly(2026, 10, 10), Kind = TermDayKind.MakeUp, FollowsWeekday = DayOfWeek.Wednesday },
            new TermDay { Date = new DateOnly(2026, 10, 11), Kind = TermDayKind.MakeUp },
        ],
    };

    private readonly TermCalendar _calendar = new([Autumn]);

    [Fact]
    public void Weekdays_follow_their_own_timetable() =>
        Assert.Equal(DayOfWeek.Tuesday, _calendar.TimetableDay(new DateOnly(2026, 9, 1)));

    [Fact]
    public void Weekends_are_off() => Assert.Null(_calendar.TimetableDay(new DateOnly(2026, 9, 5)));

    [Fact]
    public void A_make_up_Sunday_follows_the_named_weekday() =>
        Assert.Equal(DayOfWeek.Thursday, _calendar.TimetableDay(new DateOnly(2026, 9, 27)));

    [Fact]
    public void A_make_up_Saturday_follows_the_named_weekday() =>
        Assert.Equal(DayOfWeek.Wednesday, _calendar.TimetableDay(new DateOnly(2026, 10, 10)));

    [Fact]
    public void A_make_up_day_without_a_weekday_follows_its_own() =>
        Assert.Equal(DayOfWeek.Sunday, _calendar.TimetableDay(new DateOnly(2026, 10, 11)));

    [Fact]
    public void Holidays_on_weekdays_have_no_lessons()
    {
        Assert.Null(_calendar.TimetableDay(new DateOnly(2026, 10, 1)));
        Assert.Null(_calendar.TimetableDay(new DateOnly(2026, 10, 7)));
        Assert.Equal(DayOfWeek.Thursday, _calendar.TimetableDay(new DateOnly(2026, 10, 8)));
    }

    [Fact]
    public void Days_outside_every_term_have_no_lessons()
    {
        Assert.Null(_calendar.TimetableDay(new DateOnly(2026, 8, 31)));
        Assert.Null(_calendar.TimetableDay(new DateOnly(2027, 1, 25)));
    }

    [Fact]
    public void School_days_of_the_National_Day_fortnight()
    {
        var days = _calendar.SchoolDays(new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 11)).ToList();
        // Mon 9/28–Wed 9/30, then holidays 10/1–10/7, Thu 10/8, Fri 10/9, make-up Sat 10/10 and Sun 10/11.
        Assert.Equal(
            [new DateOnly(2026, 9, 28), new DateOnly(2026, 9, 29), new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 8),
             new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 11)],
            days.Select(d => d.Date));
        Assert.Equal(DayOfWeek.Wednesday, days[5].Follows);
    }

    [Fact]
    public void Weeks_start_on_Monday()
    {
        Assert.Equal(new DateOnly(2026, 11, 16), AllianceClock.WeekStart(new DateOnly(2026, 11, 22)));
        Assert.Equal(new DateOnly(2026, 11, 23), AllianceClock.WeekStart(new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public void Shanghai_wall_clock_is_UTC_plus_8()
    {
        var instant = AllianceClock.ToInstant(new DateOnly(2026, 11, 23), new TimeOnly(8, 0), AllianceClock.Zone("Asia/Shanghai"));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), instant.ToUniversalTime());
    }
}
