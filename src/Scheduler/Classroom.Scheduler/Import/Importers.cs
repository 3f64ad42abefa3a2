using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using static Classroom.Scheduler.Import.ImportColumns;
using static Classroom.Scheduler.Import.ImportMessages;

namespace Classroom.Scheduler.Import;

/// <summary>
/// One method per import kind (in the Importers.*.cs files). Each reads every row first, checks
/// the rows against each other and against stored data, and changes only rows that passed; the
/// problems land in the rows' shared <see cref="ImportErrors"/>, and any problem rolls the file back.
/// </summary>
internal sealed partial class Importers(SchedulerDbContext db, ImportContext context)
{
    private School? School(ImportRow row)
    {
        var code = row.Text(SchoolCode, maxLength: 64);
        if (code is null) return null;
        if (context.SchoolsByCode.TryGetValue(code, out var school)) return school;
        row.Fail(SchoolCode, UnknownSchool(code));
        return null;
    }

    private ClassroomRoom? Room(ImportRow row)
    {
        var school = School(row);
        var name = row.Text(ClassName, maxLength: 100);
        if (school is null || name is null) return null;
        var room = school.Classrooms.FirstOrDefault(c => c.ClassName == name);
        if (room is null) row.Fail(ClassName, UnknownClass(school.Code, name));
        return room;
    }

    /// <summary>
    /// Reports the (weekday, period) slots that none of the school's bell schedules has; a period
    /// name nobody rings would never be paired, so a typo (第五节 for 第5节) must not pass silently.
    /// </summary>
    private static bool CheckPeriods(ImportRow row, string column, School school, IReadOnlyCollection<(DayOfWeek Day, string Period)> slots)
    {
        if (school.BellSchedules.Count == 0) { row.Fail(column, NoBellSchedule(school.Code)); return false; }
        var unknown = slots.Where(s => !school.BellSchedules.Any(b => b.Periods.Any(p => p.Weekday == s.Day && p.Name == s.Period))).ToList();
        if (unknown.Count == 0) return true;
        row.Fail(column, UnknownPeriods(school.Code, unknown));
        return false;
    }

    /// <summary>Reports a row whose key an earlier row of the file already used; true when the key is new.</summary>
    private static bool FirstWithKey<TKey>(Dictionary<TKey, int> seen, TKey key, ImportRow row, string column, string zhKey, string enKey)
        where TKey : notnull
    {
        if (seen.TryGetValue(key, out var other))
        {
            row.Fail(column, DuplicateRow(other, zhKey, enKey), other);
            return false;
        }

        seen[key] = row.Number;
        return true;
    }
}
