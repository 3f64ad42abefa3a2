namespace Classroom.Scheduler.Import;

/// <summary>Weekday names as schools write them: 周一/星期一/礼拜一, Monday/Mon, or 1–7 (Monday = 1).</summary>
public static class Weekdays
{
    private static readonly string[] Chinese = ["日", "一", "二", "三", "四", "五", "六"];

    public static bool TryParse(string text, out DayOfWeek day)
    {
        text = text.Trim();
        foreach (var prefix in new[] { "星期", "周", "礼拜" })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = text[prefix.Length..];
                if (rest == "天") rest = "日";
                var index = Array.IndexOf(Chinese, rest);
                if (index >= 0) { day = (DayOfWeek)index; return true; }
            }
        }

        if (int.TryParse(text, out var n) && n is >= 1 and <= 7) { day = (DayOfWeek)(n % 7); return true; }
        if (Enum.TryParse(text, ignoreCase: true, out day) && Enum.IsDefined(day) && !int.TryParse(text, out _)) return true;
        foreach (var d in Enum.GetValues<DayOfWeek>())
        {
            if (text.Length >= 3 && d.ToString().StartsWith(text, StringComparison.OrdinalIgnoreCase)) { day = d; return true; }
        }

        day = default;
        return false;
    }

    /// <summary>"周一 第3节; 周三 第5节" → (Monday, 第3节), (Wednesday, 第5节).</summary>
    public static bool TryParseSlots(string text, out List<(DayOfWeek Day, string Period)> slots, out string? bad)
    {
        slots = [];
        bad = null;
        foreach (var part in text.Split([';', '；', '|', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split([' ', '\u3000', '/'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || !TryParse(pieces[0], out var day)) { bad = part; return false; }
            slots.Add((day, pieces[1]));
        }

        return slots.Count > 0;
    }
}
