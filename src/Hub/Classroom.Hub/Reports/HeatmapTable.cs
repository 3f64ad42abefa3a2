using System.Globalization;

namespace Classroom.Hub.Reports;

/// <summary>
/// The heat map as a spreadsheet: schools × ISO weeks of one measure, the matrix the console's chart
/// and its text table show (docs/admin-reports.md "Heat map"). Every week between the first and the
/// last with a lesson is a column, so a week without lessons is an empty column, not a missing one;
/// a cell without a value (no lesson, or no check-in for the headcount) is empty.
/// </summary>
public static class HeatmapTable
{
    /// <summary>The measures, as the console's select names them.</summary>
    public static readonly IReadOnlyList<string> Measures = ["joined", "headcount", "minutes"];

    /// <summary>One cell's value: share of room-lessons joined (%), of expected heads present in rooms that checked in (%), or minutes connected.</summary>
    public static double? Value(HeatmapCell cell, string measure)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return measure switch
        {
            "minutes" => cell.MinutesConnected,
            "headcount" => cell.Expected > 0 ? Percent(cell.Present, cell.Expected) : null,
            _ => cell.RoomLessons > 0 ? Percent(cell.RoomsJoined, cell.RoomLessons) : null,
        };
    }

    /// <summary>The header (bilingual, as the other exports) and one row per school, ordered as the chart.</summary>
    public static IEnumerable<IReadOnlyList<string?>> Rows(IReadOnlyList<HeatmapCell> cells, string measure)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var seen = cells.Select(c => c.Week).Distinct().Order(StringComparer.Ordinal).ToList();
        var weeks = seen.Count == 0 ? [] : WeeksBetween(seen[0], seen[^1]);
        yield return [$"学校 school \\ {Label(measure)}", .. weeks];
        var byCell = cells.ToDictionary(c => (c.SchoolId, c.Week));
        // One row per school id, under the name of its latest week (a school renamed within the range stays one row).
        foreach (var school in cells.GroupBy(c => c.SchoolId).Select(g => (SchoolId: g.Key, g.MaxBy(c => c.Week, StringComparer.Ordinal)!.SchoolName)).OrderBy(s => s.SchoolId))
            yield return [school.SchoolName, .. weeks.Select(w => byCell.TryGetValue((school.SchoolId, w), out var c) ? Value(c, measure)?.ToString(CultureInfo.InvariantCulture) : null)];
    }

    public static string Label(string measure) => measure switch
    {
        "minutes" => "在线分钟数 minutes connected",
        "headcount" => "学生出勤率（%） students present (%)",
        _ => "教室到课率（%） rooms that joined (%)",
    };

    /// <summary>"2026-W36" … "2026-W40": every ISO week from first to last (at most 60, a year's range).</summary>
    public static IReadOnlyList<string> WeeksBetween(string first, string last)
    {
        var weeks = new List<string>();
        if (!TryMonday(first, out var monday) || !TryMonday(last, out var end)) return first == last ? [first] : [first, last];
        for (var day = monday; day <= end && weeks.Count < 60; day = day.AddDays(7)) weeks.Add(WeekName(day));
        return weeks;
    }

    /// <summary>The ISO week of a (China school) date: "2026-W36".</summary>
    public static string WeekName(DateTime day) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");

    private static bool TryMonday(string week, out DateTime monday)
    {
        monday = default;
        if (week.Length != 8 || week[4] != '-' || week[5] != 'W'
            || !int.TryParse(week.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(week.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year < 2000 || year > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return false;
        monday = ISOWeek.ToDateTime(year, number, DayOfWeek.Monday);
        return true;
    }

    // As the console rounds: one decimal of a percentage.
    private static double Percent(int part, int whole) => Math.Round(part * 100.0 / whole, 1, MidpointRounding.AwayFromZero);
}
