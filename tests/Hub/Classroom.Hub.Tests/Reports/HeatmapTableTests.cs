using Classroom.Hub.Reports;

namespace Classroom.Hub.Tests.Reports;

/// <summary>The heat map's export: schools × every ISO week between the first and last, values as the console shows them.</summary>
public sealed class HeatmapTableTests
{
    private static HeatmapCell Cell(long school, string week, int rooms = 4, int joined = 3, int present = 0, int expected = 0, double minutes = 90) =>
        new(school, "学校" + school, week, rooms, joined, present, expected, minutes);

    [Fact]
    public void Weeks_run_across_the_new_year_without_gaps_and_a_week_without_lessons_is_an_empty_column()
    {
        Assert.Equal(["2026-W52", "2026-W53", "2027-W01", "2027-W02"], HeatmapTable.WeeksBetween("2026-W52", "2027-W02"));
        var rows = HeatmapTable.Rows([Cell(2, "2026-W48", present: 29, expected: 30), Cell(1, "2026-W50", rooms: 3, joined: 2)], "joined").ToList();
        Assert.Equal(["学校 school \\ 教室到课率（%） rooms that joined (%)", "2026-W48", "2026-W49", "2026-W50"], rows[0]);
        Assert.Equal(["学校1", null, null, "66.7"], rows[1]);
        Assert.Equal(["学校2", "75", null, null], rows[2]);
    }

    [Fact]
    public void Headcount_is_empty_where_no_room_checked_in_and_minutes_are_as_stored()
    {
        var cells = new[] { Cell(1, "2026-W48", present: 0, expected: 0, minutes: 12.5), Cell(1, "2026-W49", present: 27, expected: 40) };
        Assert.Equal(["学校1", null, "67.5"], HeatmapTable.Rows(cells, "headcount").ToList()[1]);
        Assert.Equal(["学校1", "12.5", "90"], HeatmapTable.Rows(cells, "minutes").ToList()[1]);
        Assert.Single(HeatmapTable.Rows([], "joined"));
    }

    [Fact]
    public void A_school_renamed_within_the_range_is_one_row_under_its_latest_name()
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
        AttendanceRow Row(string name, DateTimeOffset when, int? present) =>
            new("L1-" + when.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), "音乐", when, 7, name, 70, "3年级1班", 30, present, present is null ? null : when, 40, 0, []);
        var cells = AttendanceReports.Heatmap([Row("河湾村小学", at, 28), Row("河湾小学", at.AddDays(2), null), Row("河湾小学", at.AddDays(7), 30)]);
        Assert.Equal([("河湾小学", "2026-W48", 2, 1), ("河湾小学", "2026-W49", 1, 1)], cells.Select(c => (c.SchoolName, c.Week, c.RoomLessons, c.RoomsJoined)));
        var rows = HeatmapTable.Rows(cells, "joined").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["河湾小学", "50", "100"], rows[1]);
    }
}
