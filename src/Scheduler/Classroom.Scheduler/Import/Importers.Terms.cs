using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Domain;
using static Classroom.Scheduler.Import.ImportColumns;
using static Classroom.Scheduler.Import.ImportMessages;

namespace Classroom.Scheduler.Import;

internal sealed partial class Importers
{
    private sealed record DayRow(ImportRow Row, DateOnly? First, DateOnly? Last, DateOnly? Date, TermDayKind? Kind, DayOfWeek? Follows, string? Note);

    /// <summary>
    /// Term calendars keyed by term name: a term's rows (one per holiday or 调休 day, or one with
    /// only the term's dates) are its whole calendar and replace a stored term of that name. Terms
    /// may not overlap each other, in the file or stored.
    /// </summary>
    public ImportCounts Terms(IReadOnlyList<ImportRow> rows)
    {
        var groups = new Dictionary<string, List<DayRow>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var name = row.Text(TermName, maxLength: 100);
            var day = new DayRow(row, row.Date(FirstDay, required: false), row.Date(LastDay, required: false), row.Date(Date, required: false),
                Kind(row), row.Weekday(FollowsWeekday, required: false), row.Text(Note, required: false));
            if (name is null) continue;
            if (!groups.TryGetValue(name, out var list)) groups[name] = list = [];
            list.Add(day);
        }

        var terms = new List<(string Name, ImportRow Row, Term Term)>();
        foreach (var (name, list) in groups)
        {
            var first = AgreedDate(list, FirstDay, d => d.First);
            var last = AgreedDate(list, LastDay, d => d.Last);
            if (first is null && !list[0].Row.Failed(FirstDay)) list[0].Row.Fail(FirstDay, Required(FirstDay));
            if (last is null && !list[0].Row.Failed(LastDay)) list[0].Row.Fail(LastDay, Required(LastDay));
            if (first is null || last is null) continue;
            if (last.Value.Value < first.Value.Value) { last.Value.Row.Fail(LastDay, EndsBeforeStart(FirstDay)); continue; }

            var term = new Term { Name = name, FirstDay = first.Value.Value, LastDay = last.Value.Value, AllianceId = context.AllianceId };
            term.SpecialDays = SpecialDays(list, term);
            if (!list.Exists(d => d.Row.HasErrors) && new TermCalendar([term]).SchoolDays(term.FirstDay, term.LastDay).FirstOrDefault() == default)
                first.Value.Row.Fail(FirstDay, NoSchoolDay());
            terms.Add((name, first.Value.Row, term));
        }

        // Overlaps are checked for every term whose dates could be read, whatever else is wrong with its rows.
        CheckTermOverlaps(terms);

        var counts = new ImportCounts();
        foreach (var (name, row, term) in terms)
        {
            if (groups[name].Exists(d => d.Row.HasErrors)) continue;
            var existing = context.Terms.FirstOrDefault(t => t.Name == name);
            if (existing is null)
            {
                db.Terms.Add(term);
                context.Terms.Add(term);
                counts = counts.Add(ImportChange.Created);
                continue;
            }

            var same = existing.FirstDay == term.FirstDay && existing.LastDay == term.LastDay
                && SameSet(existing.SpecialDays.Select(d => (d.Date, d.Kind, d.FollowsWeekday, d.Note)), term.SpecialDays.Select(d => (d.Date, d.Kind, d.FollowsWeekday, d.Note)));
            counts = counts.Add(same ? ImportChange.Unchanged : ImportChange.Updated);
            if (same) continue;
            (existing.FirstDay, existing.LastDay) = (term.FirstDay, term.LastDay);
            db.TermDays.RemoveRange(existing.SpecialDays);
            existing.SpecialDays = term.SpecialDays;
        }

        return counts;
    }

    private static TermDayKind? Kind(ImportRow row)
    {
        var text = row.Text(DayKind, required: false, maxLength: 20);
        if (text is null) return null;
        switch (text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
        {
            case "放假" or "假期" or "节假日" or "休息" or "假日" or "holiday": return TermDayKind.Holiday;
            case "调休" or "补课" or "上课" or "补班" or "makeup" or "workday": return TermDayKind.MakeUp;
            default: row.Fail(DayKind, NotDayKind(text)); return null;
        }
    }

    private static List<TermDay> SpecialDays(List<DayRow> list, Term term)
    {
        var seen = new Dictionary<DateOnly, int>();
        var days = new List<TermDay>();
        foreach (var d in list)
        {
            if (d.Date is null)
            {
                if (d.Kind is not null && !d.Row.Failed(Date)) d.Row.Fail(Date, Required(Date));
                continue;
            }

            var date = d.Date.Value;
            if (date < term.FirstDay || date > term.LastDay) { d.Row.Fail(Date, DayOutsideTerm(date)); continue; }
            if (!FirstWithKey(seen, date, d.Row, Date, "日期", "date")) continue;
            if (d.Kind is null) { if (!d.Row.Failed(DayKind)) d.Row.Fail(DayKind, Required(DayKind)); continue; }
            if (d.Kind == TermDayKind.Holiday && d.Follows is not null) { d.Row.Fail(FollowsWeekday, FollowsOnlyForMakeUp()); continue; }
            var follows = d.Kind == TermDayKind.MakeUp ? d.Follows ?? date.DayOfWeek : (DayOfWeek?)null;
            if (follows is DayOfWeek.Saturday or DayOfWeek.Sunday) { d.Row.Fail(FollowsWeekday, MakeUpNeedsWeekday()); continue; }
            days.Add(new TermDay { Date = date, Kind = d.Kind.Value, FollowsWeekday = follows, Note = d.Note });
        }

        return days;
    }

    private static (ImportRow Row, DateOnly Value)? AgreedDate(List<DayRow> list, string column, Func<DayRow, DateOnly?> read)
    {
        (ImportRow Row, DateOnly Value)? first = null;
        foreach (var d in list)
        {
            if (read(d) is not { } value) continue;
            if (first is null) first = (d.Row, value);
            else if (first.Value.Value != value) d.Row.Fail(column, DiffersInGroup(column, first.Value.Row.Number, "学期", "term"), first.Value.Row.Number);
        }

        return first;
    }

    /// <summary>Terms of an alliance do not overlap: the file's against each other, and against stored terms the file does not replace.</summary>
    private void CheckTermOverlaps(List<(string Name, ImportRow Row, Term Term)> terms)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            var (name, row, term) = terms[i];
            var other = terms.Take(i).FirstOrDefault(o => o.Term.FirstDay <= term.LastDay && term.FirstDay <= o.Term.LastDay);
            if (other.Row is not null) { row.Fail(FirstDay, TermOverlapRow(other.Name, other.Row.Number), other.Row.Number); continue; }
            var stored = context.Terms.FirstOrDefault(t => t.Name != name && !terms.Exists(o => o.Name == t.Name) && t.FirstDay <= term.LastDay && term.FirstDay <= t.LastDay);
            if (stored is not null) row.Fail(FirstDay, TermOverlapStored(stored.Name, stored.FirstDay, stored.LastDay));
        }
    }
}
