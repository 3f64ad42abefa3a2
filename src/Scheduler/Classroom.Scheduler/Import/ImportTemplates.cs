using System.Globalization;
using System.Text;
using Classroom.Scheduler.Api;
using static Classroom.Scheduler.Import.ImportColumns;

namespace Classroom.Scheduler.Import;

/// <summary>
/// The downloadable template of each import kind: a header row with every column the importer
/// reads (required first, then optional), named as the caller's language names them — the Chinese
/// labels the importer accepts (<see cref="ImportColumns.Label"/>) or the canonical English names —
/// and one example row that imports cleanly into the demo alliance (docs/admin-imports.md).
/// </summary>
public static class ImportTemplates
{
    private sealed record Column(string Name, string Zh, string En);

    /// <summary>The columns of each kind with the example row's value in each language.</summary>
    private static IReadOnlyList<Column> Columns(string kind, DateOnly today)
    {
        // A term a year ahead never overlaps the demo's current term (today − 8 weeks … today + 12 weeks).
        var year = today.Year + 1;
        return kind switch
        {
            "schools" =>
            [
                new(SchoolCode, "XY", "XY"), new(SchoolName, "新园村小学", "Xinyuan Village School"), new(IsLead, "否", "no"), new(LinkMbps, "20", "20"),
            ],
            "classrooms" =>
            [
                new(SchoolCode, "HW", "HW"), new(Grade, "3,4", "3,4"), new(ClassName, "3-4年级复式班", "Mixed class 3-4"), new(Seats, "18", "18"),
            ],
            "bell-schedules" =>
            [
                new(SchoolCode, "HW", "HW"), new(ScheduleName, "考试周作息", "Exam week"), new(Weekday, "周一", "Monday"), new(Period, "第1节", "第1节"),
                new(Start, "08:10", "08:10"), new(End, "08:50", "08:50"),
                new(ValidFrom, $"{year}-01-04", $"{year}-01-04"), new(ValidTo, $"{year}-01-08", $"{year}-01-08"),
            ],
            "timetable" =>
            [
                new(SchoolCode, "CG1", "CG1"), new(Weekday, "周一", "Monday"), new(Period, "第1节", "第1节"), new(Subject, "科学", "科学"), new(Grade, "4", "4"),
                new(Teacher, "陈丽", "陈丽"), new(Studio, "录播室二", "录播室二"), new(BitrateMbps, "2.5", "2.5"), new(Recording, "是", "yes"),
            ],
            "demands" =>
            [
                new(SchoolCode, "HW", "HW"), new(ClassName, "3年级1班", "3年级1班"), new(Subject, "科学", "科学"), new(LessonsPerWeek, "1", "1"),
                new(Periods, "周一 第1节; 周三 第2节", "Mon 第1节; Wed 第2节"), new(Grade, "", ""),
            ],
            "rosters" =>
            [
                new(SchoolCode, "HW", "HW"), new(ClassName, "3年级1班", "3年级1班"), new(StudentId, "HW399", "HW399"), new(DisplayName, "学生示例", "Sample Student"),
            ],
            "terms" =>
            [
                new(TermName, $"{year}年秋季学期", $"Autumn term {year}"), new(FirstDay, $"{year}-09-01", $"{year}-09-01"), new(LastDay, $"{year + 1}-01-20", $"{year + 1}-01-20"),
                new(Date, $"{year}-10-01", $"{year}-10-01"), new(DayKind, "放假", "holiday"), new(FollowsWeekday, "", ""), new(Note, "国庆节", "National Day"),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The canonical names of a kind's template columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames(string kind) => Columns(kind, default).Select(c => c.Name).ToList();

    /// <summary>The header row and the example row, in the caller's language.</summary>
    public static (string[] Header, string[] Example) Rows(string kind, bool english, DateOnly today)
    {
        var columns = Columns(kind, today);
        return (columns.Select(c => Label(c.Name, english)).ToArray(), columns.Select(c => english ? c.En : c.Zh).ToArray());
    }

    /// <summary>CSV with a UTF-8 BOM (Excel on a Chinese Windows then reads the names right), CRLF lines.</summary>
    public static byte[] Csv(string kind, bool english, DateOnly today)
    {
        var (header, example) = Rows(kind, english, today);
        return Contracts.Export.Csv.Bytes([header, example]);
    }

    /// <summary>One sheet; every cell is written as text so "3,4", "08:10" and dates stay as typed.</summary>
    public static byte[] Xlsx(string kind, bool english, DateOnly today)
    {
        var (header, example) = Rows(kind, english, today);
        return Contracts.Export.Xlsx.Write(english ? "Template" : "模板", [header, example.Select(v => v.Length == 0 ? null : v).ToArray()]);
    }

    public static string FileName(string kind, string extension) => string.Create(CultureInfo.InvariantCulture, $"import-{kind}-template.{extension}");
}
