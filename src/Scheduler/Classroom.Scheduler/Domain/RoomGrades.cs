using System.Globalization;

namespace Classroom.Scheduler.Domain;

/// <summary>
/// A mixed-grade room's grades as stored ("3,4") and as typed in imports ("3,4", "3、4", "3/4",
/// "3+4"): whole numbers 1..12, each once, stored ascending.
/// </summary>
public static class RoomGrades
{
    private static readonly char[] Separators = [',', '，', '、', '/', '+', ' '];

    /// <summary>The stored list, or null for a one-grade room.</summary>
    public static IReadOnlyList<int>? Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return null;
        return [.. stored.Split(',').Select(g => int.Parse(g, NumberStyles.None, CultureInfo.InvariantCulture))];
    }

    /// <summary>Reads what a person typed; false when a part is not a grade 1..max or one repeats.</summary>
    public static bool TryRead(string? text, int max, out IReadOnlyList<int> grades)
    {
        grades = [];
        if (string.IsNullOrWhiteSpace(text)) return false;
        var list = new List<int>();
        foreach (var part in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var g) || g < 1 || g > max || list.Contains(g)) return false;
            list.Add(g);
        }

        if (list.Count == 0) return false;
        list.Sort();
        grades = list;
        return true;
    }

    /// <summary>Sets a room's grades: the lowest in <c>Grade</c>, the whole list in <c>MixedGrades</c> when there are several.</summary>
    public static void Apply(ClassroomRoom room, IReadOnlyList<int> grades)
    {
        room.Grade = grades.Min();
        room.MixedGrades = grades.Count > 1 ? string.Join(',', grades.Order().Select(g => g.ToString(CultureInfo.InvariantCulture))) : null;
    }

    /// <summary>The grade a demand is for: its own, else the room's only grade.</summary>
    public static int Of(MemberDemand demand, ClassroomRoom room) => demand.Grade ?? room.Grade;
}
