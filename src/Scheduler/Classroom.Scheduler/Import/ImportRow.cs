using System.Globalization;
using Classroom.Scheduler.Api;
using Classroom.Scheduler.Domain;
using static Classroom.Scheduler.Import.ImportMessages;

namespace Classroom.Scheduler.Import;

/// <summary>
/// One data row with typed accessors by canonical column name. Headers may be English or the
/// Chinese a school's spreadsheet uses (学校代码, 节次, ...). A failed read records one problem for
/// that cell and returns null, so one answer lists all of a file's mistakes, each once.
/// </summary>
public sealed class ImportRow(int number, IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> headers, string[] cells, ImportErrors errors)
{
    public int Number { get; } = number;

    /// <summary>True when any cell of this row has already been reported.</summary>
    public bool HasErrors { get; private set; }

    public bool Failed(string column) => errors.Has(Number, column);

    public void Fail(string column, ImportMessage message, int? otherRow = null)
    {
        HasErrors = true;
        var header = columns.TryGetValue(column, out var i) && i < headers.Count ? headers[i] : null;
        errors.Add(new ImportIssue(Number, column, header, message, otherRow));
    }

    public string? Text(string column, bool required = true, int maxLength = 200)
    {
        var value = columns.TryGetValue(column, out var i) && i < cells.Length ? cells[i].Trim() : string.Empty;
        if (value.Length == 0)
        {
            if (required) Fail(column, Required(column));
            return null;
        }

        if (value.Length > maxLength) { Fail(column, TooLong(column, maxLength)); return null; }
        return value;
    }

    public int? Int(string column, int min, int max, bool required = true)
    {
        var text = Text(column, required);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d >= min && d <= max) return (int)d;
        Fail(column, NotInteger(text, min, max));
        return null;
    }

    public double? Decimal(string column, double min, double max, bool required = true)
    {
        var text = Text(column, required);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max) return d;
        Fail(column, NotNumber(text, min, max));
        return null;
    }

    /// <summary>Yes (是, 主讲, true, 1, y) or no (否, false, 0, n, empty); anything else is reported, not read as no.</summary>
    public bool Bool(string column)
    {
        var text = Text(column, required: false);
        if (text is null) return false;
        if (text is "1" or "是" or "主讲" or "√" || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("y", StringComparison.OrdinalIgnoreCase)) return true;
        if (text is "0" or "否" or "不是" or "×" || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.Equals("n", StringComparison.OrdinalIgnoreCase)) return false;
        Fail(column, NotYesNo(text));
        return false;
    }

    /// <summary>A time as "08:00" or an Excel time fraction (0.3333 = 08:00).</summary>
    public TimeOnly? Time(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (Inputs.TryTime(text, out var t)) return t;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and < 1)
            return TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(Math.Round(fraction * 24 * 60)));
        Fail(column, NotTime(text));
        return null;
    }

    /// <summary>A date as "2026-09-01" or an Excel date serial.</summary>
    public DateOnly? Date(string column, bool required = true)
    {
        var text = Text(column, required);
        if (text is null) return null;
        if (TryDate(text, out var d)) return d;
        Fail(column, NotDate(text));
        return null;
    }

    /// <summary>
    /// A season boundary: a fixed date ("2026-05-01") or a month and day that recur every year
    /// ("05-01", "5/1", "5月1日"). February 29 does not recur every year and is refused.
    /// </summary>
    public (DateOnly? Fixed, MonthDay? Recurring)? SeasonDate(string column)
    {
        var text = Text(column, required: false);
        if (text is null) return null;
        if (TryDate(text, out var d)) return (d, null);
        if (MonthDay.TryParse(text, out var md)) return (null, md);
        Fail(column, NotSeasonDate(text));
        return null;
    }

    public DayOfWeek? Weekday(string column, bool required = true)
    {
        var text = Text(column, required);
        if (text is null) return null;
        if (Weekdays.TryParse(text, out var day)) return day;
        Fail(column, NotWeekday(text));
        return null;
    }

    private static bool TryDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }

        return false;
    }
}
