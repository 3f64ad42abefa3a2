using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Tests.Calendar;

/// <summary>Seasons given by month and day apply every year, including seasons that wrap the new year.</summary>
public sealed class RecurringSeasonTests
{
    private static readonly BellSchedule Always = new() { Id = 1, Name = "常规" };
    private static readonly BellSchedule Summer = new() { Id = 2, Name = "夏季", SeasonFrom = new MonthDay(5, 1), SeasonTo = new MonthDay(9, 30) };
    private static readonly BellSchedule Winter = new() { Id = 3, Name = "冬季", SeasonFrom = new MonthDay(11, 1), SeasonTo = new MonthDay(3, 31) };

    [Theory]
    [InlineData("2026-05-01", "夏季")]
    [InlineData("2031-09-30", "夏季")]
    [InlineData("2026-10-01", "常规")]
    [InlineData("2026-11-01", "冬季")]
    [InlineData("2027-01-15", "冬季")]
    [InlineData("2028-02-29", "冬季")]
    [InlineData("2030-03-31", "冬季")]
    [InlineData("2030-04-01", "常规")]
    public void The_season_holding_the_month_and_day_wins_in_any_year(string date, string expected) =>
        Assert.Equal(expected, BellScheduleSelector.For([Always, Summer, Winter], DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))!.Name);

    [Fact]
    public void A_recurring_season_outside_its_days_does_not_apply()
    {
        Assert.Null(BellScheduleSelector.For([Summer], new DateOnly(2027, 4, 30)));
        Assert.Null(BellScheduleSelector.For([Winter], new DateOnly(2027, 7, 1)));
    }

    [Fact]
    public void A_season_inside_fixed_dates_holds_only_while_both_hold()
    {
        var summer2027Only = new BellSchedule { Id = 4, Name = "2027夏", SeasonFrom = new MonthDay(5, 1), SeasonTo = new MonthDay(9, 30), ValidFrom = new DateOnly(2027, 1, 1), ValidTo = new DateOnly(2027, 12, 31) };
        Assert.Same(summer2027Only, BellScheduleSelector.For([Always, summer2027Only], new DateOnly(2027, 6, 1)));
        Assert.Same(Always, BellScheduleSelector.For([Always, summer2027Only], new DateOnly(2028, 6, 1)));
    }

    [Theory]
    [InlineData("05-01", 5, 1)]
    [InlineData("5/1", 5, 1)]
    [InlineData("9月30日", 9, 30)]
    [InlineData("12.31", 12, 31)]
    public void Month_days_are_read_as_schools_write_them(string text, int month, int day)
    {
        Assert.True(MonthDay.TryParse(text, out var value));
        Assert.Equal(new MonthDay(month, day), value);
        Assert.Equal(value, MonthDay.Decode(value.Encoded));
    }

    [Theory]
    [InlineData("02-29")]
    [InlineData("13-01")]
    [InlineData("04-31")]
    [InlineData("2026-05-01")]
    public void February_29_and_impossible_days_do_not_recur(string text) => Assert.False(MonthDay.TryParse(text, out _));
}
