using System.Globalization;
using Classroom.Scheduler.Api;

namespace Classroom.Scheduler.Import;

/// <summary>
/// One data row with typed accessors by column name. Headers may be English or the Chinese a
/// school's spreadsheet uses (学校代码, 节次, ...). Every failed read is recorded as "row N:
/// column" with a message, so one response lists all of a file's mistakes.
/// </summary>
public sealed class ImportRow(int number, IReadOnlyDictionary<string, int> columns, string[] cells, Checks errors)
{
    public int Number { get; } = number;

    public string Field(string column) => $"row {Number}: {column}";

    public string? Text(string column, bool required = true, int maxLength = 200)
    {
        var value = columns.TryGetValue(column, out var i) && i < cells.Length ? cells[i].Trim() : string.Empty;
        if (value.Length == 0)
        {
            if (required) errors.Add(Field(column), $"'{column}' is empty.");
            return null;
        }

        if (value.Length > maxLength) { errors.Add(Field(column), $"'{column}' is longer than {maxLength} characters."); return null; }
        return value;
    }

    public int? Int(string column, int min, int max, bool required = true)
    {
        var text = Text(column, required);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d >= min && d <= max) return (int)d;
        errors.Add(Field(column), $"'{text}' is not a whole number between {min} and {max}.");
        return null;
    }

    public double? Decimal(string column, double min, double max, bool required = true)
    {
        var text = Text(column, required);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max) return d;
        errors.Add(Field(column), $"'{text}' is not a number between {min} and {max}.");
        return null;
    }

    public bool Bool(string column)
    {
        var text = Text(column, required: false);
        return text is not null && (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text is "1" or "是" or "y" or "Y" or "yes" or "主讲");
    }

    /// <summary>A time as "08:00" or an Excel time fraction (0.3333 = 08:00).</summary>
    public TimeOnly? Time(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (Inputs.TryTime(text, out var t)) return t;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and < 1)
            return TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(Math.Round(fraction * 24 * 60)));
        errors.Add(Field(column), $"'{text}' is not a time (HH:mm).");
        return null;
    }

    /// <summary>A date as "2026-09-01" or an Excel date serial.</summary>
    public DateOnly? Date(string column, bool required = true)
    {
        var text = Text(column, required);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        errors.Add(Field(column), $"'{text}' is not a date (yyyy-MM-dd).");
        return null;
    }

    public DayOfWeek? Weekday(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (Weekdays.TryParse(text, out var day)) return day;
        errors.Add(Field(column), $"'{text}' is not a weekday (周一 … 周日, Monday … Sunday, 1 … 7).");
        return null;
    }

    public void Fail(string column, string message) => errors.Add(Field(column), message);
}
