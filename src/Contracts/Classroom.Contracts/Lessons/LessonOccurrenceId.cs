using System.Globalization;

namespace Classroom.Contracts.Lessons;

/// <summary>
/// A lesson occurrence is one lead lesson on one date: "L{leadLessonId}-{yyyyMMdd}". The id is
/// derived, not stored, so the scheduler, hub and relay agree on it without a lookup.
/// </summary>
public readonly record struct LessonOccurrenceId(long LeadLessonId, DateOnly Date)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"L{LeadLessonId}-{Date:yyyyMMdd}");

    public static bool TryParse(string? value, out LessonOccurrenceId id)
    {
        id = default;
        if (string.IsNullOrEmpty(value) || value.Length < 11 || value[0] != 'L') return false;
        var dash = value.LastIndexOf('-');
        if (dash < 2 || value.Length - dash - 1 != 8) return false;
        if (!long.TryParse(value.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var lesson)) return false;
        if (!DateOnly.TryParseExact(value.AsSpan(dash + 1), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return false;
        id = new LessonOccurrenceId(lesson, date);
        return true;
    }
}
