using Classroom.Scheduler.Domain;
using static Classroom.Scheduler.Import.ImportColumns;
using static Classroom.Scheduler.Import.ImportMessages;

namespace Classroom.Scheduler.Import;

internal sealed partial class Importers
{
    /// <summary>
    /// Member demand keyed by (school, class, subject, grade); a stored demand for that subject
    /// (and grade, in a mixed-grade room) is updated (lessons per week and periods). Every listed
    /// period must be one the member school's bell schedules ring on that weekday. The optional
    /// grade column is required for a mixed-grade room and must be one of the room's grades.
    /// </summary>
    public ImportCounts Demands(IReadOnlyList<ImportRow> rows)
    {
        var seen = new Dictionary<(string, string, string, int?), int>();
        var counts = new ImportCounts();
        foreach (var row in rows)
        {
            var room = Room(row);
            var subject = row.Text(Subject, maxLength: 50);
            var perWeek = row.Int(LessonsPerWeek, 1, 20);
            var grade = row.Int(Grade, 1, Api.Inputs.MaxGrade, required: false);
            var slotsText = row.Text(Periods, maxLength: 1000);
            List<(DayOfWeek Day, string Period)>? slots = null;
            if (slotsText is not null)
            {
                if (Weekdays.TryParseSlots(slotsText, out var parsed, out var bad) && parsed.TrueForAll(s => s.Period.Length <= 50)) slots = parsed.Distinct().ToList();
                else row.Fail(Periods, BadSlots(bad ?? slotsText));
            }

            if (room is null || subject is null) continue;
            var grades = room.Grades;
            if (grade is { } g && !grades.Contains(g)) row.Fail(Grade, GradeNotInRoom(room.ClassName, grades, g));
            else if (grade is null && grades.Count > 1 && !row.Failed(Grade)) row.Fail(Grade, MixedRoomNeedsGrade(room.ClassName, grades));
            var forGrade = grades.Count > 1 ? grade : null; // a one-grade room's demand is for its only grade
            if (!FirstWithKey(seen, (room.School!.Code.ToUpperInvariant(), room.ClassName, subject, forGrade), row, Subject, "班级、学科和年级", "class, subject and grade")) continue;
            if (slots is not null) CheckPeriods(row, Periods, room.School, slots);
            if (row.HasErrors) continue;

            var periods = slots!.Select(s => new DemandPeriod { Weekday = s.Day, PeriodName = s.Period }).ToList();
            var existing = room.Demands.FirstOrDefault(d => d.Subject == subject && d.Grade == forGrade);
            if (existing is null)
            {
                room.Demands.Add(new MemberDemand { Subject = subject, LessonsPerWeek = perWeek!.Value, Periods = periods, Grade = forGrade });
                counts = counts.Add(ImportChange.Created);
                continue;
            }

            var same = existing.LessonsPerWeek == perWeek && SameSet(existing.Periods.Select(p => (p.Weekday, p.PeriodName)), slots!);
            counts = counts.Add(same ? ImportChange.Unchanged : ImportChange.Updated);
            if (same) continue;
            existing.LessonsPerWeek = perWeek!.Value;
            db.DemandPeriods.RemoveRange(existing.Periods);
            existing.Periods = periods;
        }

        return counts;
    }

    /// <summary>
    /// Roster entries keyed by (school, student id) — a 学号 is unique in its school. A stored
    /// entry of the same class is updated (and confirmed for retention even when unchanged); the
    /// same id on another class's roster is a clash, not a silent move.
    /// </summary>
    public ImportCounts Rosters(IReadOnlyList<ImportRow> rows)
    {
        var seen = new Dictionary<(string, string), int>();
        var counts = new ImportCounts();
        foreach (var row in rows)
        {
            var room = Room(row);
            var studentId = row.Text(StudentId, maxLength: 64);
            var name = row.Text(DisplayName, maxLength: 100);
            if (room is null || studentId is null) continue;
            if (!FirstWithKey(seen, (room.School!.Code.ToUpperInvariant(), studentId), row, StudentId, "学号", "student id")) continue;
            var elsewhere = room.School.Classrooms.FirstOrDefault(c => c != room && c.Roster.Exists(r => r.SchoolStudentId == studentId));
            if (elsewhere is not null) row.Fail(StudentId, StudentInOtherClass(studentId, elsewhere.ClassName));
            if (row.HasErrors) continue;

            var existing = room.Roster.FirstOrDefault(r => r.SchoolStudentId == studentId);
            if (existing is null)
            {
                room.Roster.Add(new RosterEntry { SchoolStudentId = studentId, DisplayName = name! });
                counts = counts.Add(ImportChange.Created);
                continue;
            }

            counts = counts.Add(existing.DisplayName == name ? ImportChange.Unchanged : ImportChange.Updated);
            existing.DisplayName = name!;
            // A re-import confirms the entry even when nothing changed: write it, so roster retention counts from now.
            db.Entry(existing).Property(x => x.UpdatedUtcTicks).IsModified = true;
        }

        return counts;
    }
}
