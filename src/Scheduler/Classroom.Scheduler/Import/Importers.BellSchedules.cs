using Classroom.Scheduler.Domain;
using static Classroom.Scheduler.Import.ImportColumns;
using static Classroom.Scheduler.Import.ImportMessages;

namespace Classroom.Scheduler.Import;

internal sealed partial class Importers
{
    private sealed record PeriodRow(ImportRow Row, DayOfWeek? Day, string? Name, TimeOnly? Start, TimeOnly? End,
        (DateOnly? Fixed, MonthDay? Recurring)? From, (DateOnly? Fixed, MonthDay? Recurring)? To);

    /// <summary>
    /// Bell schedules keyed by (school, schedule name): the rows of one schedule are the whole
    /// schedule and replace a stored one of that name. Within it a (weekday, period) appears once,
    /// periods do not overlap, and the rows' season cells agree.
    /// </summary>
    public ImportCounts BellSchedules(IReadOnlyList<ImportRow> rows)
    {
        var groups = new Dictionary<(string School, string Name), List<PeriodRow>>();
        foreach (var row in rows)
        {
            var school = School(row);
            var name = row.Text(ScheduleName, maxLength: 100);
            var period = new PeriodRow(row, row.Weekday(Weekday), row.Text(Period, maxLength: 50), row.Time(Start), row.Time(End),
                row.SeasonDate(ValidFrom), row.SeasonDate(ValidTo));
            if (school is null || name is null) continue;
            var key = (school.Code.ToUpperInvariant(), name);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(period);
        }

        var counts = new ImportCounts();
        foreach (var ((code, name), list) in groups)
        {
            var (from, to) = (Agreed(list, ValidFrom, p => p.From), Agreed(list, ValidTo, p => p.To));
            var season = list.Exists(p => p.Row.Failed(ValidFrom) || p.Row.Failed(ValidTo)) ? null : Season(from, to);
            CheckPeriods(list);
            if (season is null || list.Exists(p => p.Row.HasErrors)) continue;

            var periods = list.Select(p => new BellPeriod { Weekday = p.Day!.Value, Name = p.Name!, Start = p.Start!.Value, End = p.End!.Value }).ToList();
            var school = context.SchoolsByCode[code];
            var existing = school.BellSchedules.FirstOrDefault(b => b.Name == name);
            var s = season.Value;
            if (existing is null)
            {
                school.BellSchedules.Add(new BellSchedule { Name = name, ValidFrom = s.ValidFrom, ValidTo = s.ValidTo, SeasonFrom = s.SeasonFrom, SeasonTo = s.SeasonTo, Periods = periods });
                counts = counts.Add(ImportChange.Created);
                continue;
            }

            var same = (existing.ValidFrom, existing.ValidTo, existing.SeasonFrom, existing.SeasonTo) == s
                && SameSet(existing.Periods.Select(p => (p.Weekday, p.Name, p.Start, p.End)), periods.Select(p => (p.Weekday, p.Name, p.Start, p.End)));
            counts = counts.Add(same ? ImportChange.Unchanged : ImportChange.Updated);
            if (same) continue;
            (existing.ValidFrom, existing.ValidTo, existing.SeasonFrom, existing.SeasonTo) = s;
            db.BellPeriods.RemoveRange(existing.Periods);
            existing.Periods = periods;
        }

        return counts;
    }

    /// <summary>The value the non-empty cells of a column agree on (with the row that gave it); a differing cell is reported.</summary>
    private static (ImportRow Row, T Value)? Agreed<T>(List<PeriodRow> list, string column, Func<PeriodRow, T?> read)
        where T : struct
    {
        (ImportRow Row, T Value)? first = null;
        foreach (var p in list)
        {
            if (read(p) is not { } value) continue;
            if (first is null) first = (p.Row, value);
            else if (!first.Value.Value.Equals(value)) p.Row.Fail(column, DiffersInGroup(column, first.Value.Row.Number, "作息表", "bell schedule"), first.Value.Row.Number);
        }

        return first;
    }

    /// <summary>Fixed dates or a recurring month-day season; null (and reported) when the two cells do not make one.</summary>
    private static (DateOnly? ValidFrom, DateOnly? ValidTo, MonthDay? SeasonFrom, MonthDay? SeasonTo)? Season(
        (ImportRow Row, (DateOnly? Fixed, MonthDay? Recurring) Value)? from, (ImportRow Row, (DateOnly? Fixed, MonthDay? Recurring) Value)? to)
    {
        var (f, t) = (from?.Value, to?.Value);
        if (f?.Recurring is not null || t?.Recurring is not null)
        {
            if (f is null || t is null) { (from ?? to)!.Value.Row.Fail(from is null ? ValidTo : ValidFrom, SeasonNeedsBoth()); return null; }
            if (f.Value.Recurring is null || t.Value.Recurring is null) { to!.Value.Row.Fail(ValidTo, SeasonMixed()); return null; }
            return (null, null, f.Value.Recurring, t.Value.Recurring);
        }

        if (f?.Fixed is { } a && t?.Fixed is { } b && b < a) { to!.Value.Row.Fail(ValidTo, EndsBeforeStart(ValidFrom)); return null; }
        return (f?.Fixed, t?.Fixed, null, null);
    }

    /// <summary>Inverted periods, a (weekday, period) twice, and overlapping periods — each named with the other row.</summary>
    private static void CheckPeriods(List<PeriodRow> list)
    {
        var seen = new Dictionary<(DayOfWeek, string), int>();
        var timed = new List<PeriodRow>();
        foreach (var p in list)
        {
            if (p.Day is not { } day || p.Name is null) continue;
            if (!FirstWithKey(seen, (day, p.Name), p.Row, Period, "星期和节次", "weekday and period")) continue;
            if (p.Start is not { } start || p.End is not { } end) continue;
            if (end <= start) { p.Row.Fail(End, PeriodInverted(p.Name, day, start, end)); continue; }
            timed.Add(p);
        }

        foreach (var day in timed.GroupBy(p => p.Day))
        {
            var ordered = day.OrderBy(p => p.Start).ThenBy(p => p.Row.Number).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                var cur = ordered[k];
                var prev = ordered.Take(k).Where(o => o.End > cur.Start).OrderBy(o => o.Row.Number).FirstOrDefault();
                if (prev is null) continue;
                cur.Row.Fail(Start, PeriodOverlap(cur.Name!, cur.Day!.Value, cur.Start!.Value, cur.End!.Value, prev.Name!, prev.Start!.Value, prev.End!.Value, prev.Row.Number), prev.Row.Number);
            }
        }
    }

    private static bool SameSet<T>(IEnumerable<T> a, IEnumerable<T> b) => a.ToHashSet().SetEquals(b);
}
