using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Tests.Calendar;

public sealed class BellScheduleTests
{
    private static BellPeriod P(DayOfWeek d, string name, int sh, int sm, int eh, int em) =>
        new() { Weekday = d, Name = name, Start = new TimeOnly(sh, sm), End = new TimeOnly(eh, em) };

    private static readonly BellSchedule Always = new() { Id = 1, Name = "常规", Periods = [P(DayOfWeek.Monday, "第5节", 14, 30, 15, 10)] };
    private static readonly BellSchedule Summer = new()
    {
        Id = 2, Name = "夏季", ValidFrom = new DateOnly(2026, 5, 1), ValidTo = new DateOnly(2026, 9, 30),
        Periods = [P(DayOfWeek.Monday, "第5节", 15, 0, 15, 40)],
    };

    [Fact]
    public void The_seasonal_schedule_wins_inside_its_range()
    {
        Assert.Same(Summer, BellScheduleSelector.For([Always, Summer], new DateOnly(2026, 9, 30)));
        Assert.Same(Always, BellScheduleSelector.For([Always, Summer], new DateOnly(2026, 10, 1)));
        Assert.Same(Always, BellScheduleSelector.For([Always, Summer], new DateOnly(2026, 4, 30)));
    }

    [Fact]
    public void No_schedule_applies_when_no_range_holds_the_date() =>
        Assert.Null(BellScheduleSelector.For([Summer], new DateOnly(2026, 12, 1)));

    [Fact]
    public void Periods_are_found_by_weekday_and_name()
    {
        Assert.Equal(new TimeOnly(15, 0), BellScheduleSelector.Period(Summer, DayOfWeek.Monday, "第5节")!.Start);
        Assert.Null(BellScheduleSelector.Period(Summer, DayOfWeek.Tuesday, "第5节"));
        Assert.Null(BellScheduleSelector.Period(Summer, DayOfWeek.Monday, "第6节"));
    }

    [Fact]
    public void A_lesson_is_taught_on_the_days_that_follow_its_weekday_at_the_bells_of_that_date()
    {
        var weekly = new LeadLesson { Subject = "数学", PeriodName = "第5节", Weekday = DayOfWeek.Monday };
        var once = new LeadLesson { Subject = "数学", PeriodName = "第5节", Weekday = DayOfWeek.Monday, OneOffDate = new DateOnly(2026, 9, 27) };
        // 2026-09-27 is a Sunday 调休 day following Monday's timetable: both are taught; the one-date lesson only then.
        Assert.True(LessonTimes.TaughtOn(weekly, new DateOnly(2026, 9, 27), DayOfWeek.Monday));
        Assert.True(LessonTimes.TaughtOn(once, new DateOnly(2026, 9, 27), DayOfWeek.Monday));
        Assert.False(LessonTimes.TaughtOn(once, new DateOnly(2026, 9, 28), DayOfWeek.Monday));
        Assert.False(LessonTimes.TaughtOn(weekly, new DateOnly(2026, 9, 29), DayOfWeek.Tuesday));

        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        // Summer bells inside the season, the usual ones after it; the times are the alliance's local times.
        Assert.Equal((new DateTimeOffset(2026, 9, 27, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 9, 27, 7, 40, 0, TimeSpan.Zero)),
            LessonTimes.Bells([Always, Summer], new DateOnly(2026, 9, 27), DayOfWeek.Monday, "第5节", shanghai));
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 6, 30, 0, TimeSpan.Zero),
            LessonTimes.Bells([Always, Summer], new DateOnly(2026, 10, 12), DayOfWeek.Monday, "第5节", shanghai)!.Value.Start);
        Assert.Null(LessonTimes.Bells([Always, Summer], new DateOnly(2026, 10, 12), DayOfWeek.Monday, "第6节", shanghai));
        Assert.Null(LessonTimes.Bells([Summer], new DateOnly(2026, 10, 12), DayOfWeek.Monday, "第5节", shanghai));
    }

    [Fact]
    public void Inverted_periods_are_rejected()
    {
        var errors = PeriodRules.Validate([P(DayOfWeek.Monday, "第1节", 8, 40, 8, 0)]);
        Assert.Contains(errors, e => e.Index == 0 && e.Field == "end");
    }

    [Fact]
    public void Overlapping_periods_on_one_day_are_rejected_but_not_across_days()
    {
        var errors = PeriodRules.Validate([
            P(DayOfWeek.Monday, "第1节", 8, 0, 8, 40), P(DayOfWeek.Monday, "第2节", 8, 35, 9, 15), P(DayOfWeek.Tuesday, "第1节", 8, 10, 8, 50)]);
        var e = Assert.Single(errors);
        Assert.Equal((1, "start"), (e.Index, e.Field));
    }

    [Fact]
    public void A_long_period_that_holds_two_short_ones_overlaps_both_and_says_so_in_chinese_on_request()
    {
        var errors = PeriodRules.Validate([
            P(DayOfWeek.Monday, "长课", 8, 0, 10, 0), P(DayOfWeek.Monday, "第2节", 8, 30, 8, 40), P(DayOfWeek.Monday, "第3节", 9, 0, 9, 30)], english: false);
        Assert.Equal([1, 2], errors.Where(e => e.Field == "start").Select(e => e.Index).Order());
        Assert.Contains("与“长课”（08:00–10:00）时间重叠", errors[^1].Message, StringComparison.Ordinal);
        Assert.StartsWith("周一", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Touching_periods_are_fine() =>
        Assert.Empty(PeriodRules.Validate([P(DayOfWeek.Monday, "第1节", 8, 0, 8, 40), P(DayOfWeek.Monday, "第2节", 8, 40, 9, 20)]));

    [Fact]
    public void Duplicate_names_on_one_day_are_rejected() =>
        Assert.Contains(PeriodRules.Validate([P(DayOfWeek.Monday, "第1节", 8, 0, 8, 40), P(DayOfWeek.Monday, "第1节", 9, 0, 9, 40)]), e => e.Field == "name");

    [Theory]
    [InlineData(10, 0, 10, 40, 1.0)]     // same bells
    [InlineData(10, 5, 10, 45, 0.875)]   // five minutes late: 35 of 40 minutes
    [InlineData(10, 8, 10, 48, 0.8)]     // exactly the default share
    [InlineData(10, 30, 11, 10, 0.25)]
    [InlineData(10, 40, 11, 20, 0.0)]    // touching is no overlap
    public void Overlap_share_is_measured_on_the_lesson(int sh, int sm, int eh, int em, double expected) =>
        Assert.Equal(expected, PeriodRules.OverlapShare(new TimeOnly(10, 0), new TimeOnly(10, 40), new TimeOnly(sh, sm), new TimeOnly(eh, em)), 6);
}
