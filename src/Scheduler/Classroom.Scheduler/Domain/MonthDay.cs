using System.Globalization;
using System.Text.RegularExpressions;

namespace Classroom.Scheduler.Domain;

/// <summary>
/// A day of the year that recurs every year ("05-01"), the boundary of a season such as the
/// summer bell schedule. February 29 is not one: it does not recur every year. Stored as
/// month × 100 + day (501).
/// </summary>
public readonly partial record struct MonthDay(int Month, int Day) : IComparable<MonthDay>
{
    public int Encoded => Month * 100 + Day;

    public static MonthDay Decode(int value) => new(value / 100, value % 100);

    public static bool IsValid(int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2025, month);  // 2025: not a leap year

    /// <summary>"05-01", "5-1", "5/1", "05.01", "5月1日".</summary>
    public static bool TryParse(string? text, out MonthDay value)
    {
        value = default;
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success) return false;
        var month = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (!IsValid(month, day)) return false;
        value = new MonthDay(month, day);
        return true;
    }

    public static MonthDay Of(DateOnly date) => new(date.Month, date.Day);

    /// <summary>This month-day in <paramref name="year"/>.</summary>
    public DateOnly In(int year) => new(year, Month, Day);

    public int CompareTo(MonthDay other) => Encoded.CompareTo(other.Encoded);

    public override string ToString() => $"{Month:00}-{Day:00}";

    [GeneratedRegex(@"^(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$")]
    private static partial Regex Pattern();
}
