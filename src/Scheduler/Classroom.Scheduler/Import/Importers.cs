using System.Text.RegularExpressions;
using Classroom.Scheduler.Api;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Tokens;
using static Classroom.Scheduler.Import.ImportColumns;

namespace Classroom.Scheduler.Import;

/// <summary>One method per import kind; each returns (created, updated) and records row errors in the shared <see cref="Checks"/>.</summary>
internal sealed partial class Importers(SchedulerDbContext db, ImportContext context, Checks errors)
{
    public (int, int) Schools(IEnumerable<ImportRow> rows)
    {
        var (created, updated) = (0, 0);
        var leads = context.SchoolsByCode.Values.Count(s => s.IsLead);
        foreach (var row in rows)
        {
            var local = new Checks();
            var request = new SchoolRequest(row.Text(SchoolName), row.Text(SchoolCode, maxLength: 64), row.Bool(IsLead), row.Decimal(LinkMbps, 0.1, 100_000) ?? 0);
            if (Inputs.School(request, local) is not { } parsed) { Merge(row, local); continue; }
            if (context.SchoolsByCode.TryGetValue(parsed.Code, out var school))
            {
                if (parsed.IsLead && !school.IsLead) leads++;
                (school.Name, school.IsLead, school.LinkMbps) = (parsed.Name, parsed.IsLead, parsed.LinkMbps);
                updated++;
            }
            else
            {
                parsed.AllianceId = context.AllianceId;
                if (parsed.IsLead) leads++;
                db.Schools.Add(parsed);
                context.SchoolsByCode[parsed.Code] = parsed;
                created++;
            }

            if (leads > 1) row.Fail(IsLead, "A second lead school: an alliance has one lead school (1+X).");
        }

        return (created, updated);
    }

    public (int, int) Classrooms(IEnumerable<ImportRow> rows)
    {
        var (created, updated) = (0, 0);
        foreach (var row in rows)
        {
            var school = School(row);
            var request = new ClassroomRequest(row.Int(Grade, 1, Inputs.MaxGrade) ?? 0, row.Text(ClassName, maxLength: 100), row.Int(Seats, 0, 500, required: false) ?? 0);
            if (school is null) continue;
            var room = school.Classrooms.FirstOrDefault(c => c.ClassName == request.ClassName?.Trim());
            var isNew = room is null;
            room ??= new ClassroomRoom { ClassName = string.Empty, KioskKeyHash = SecretKeys.UnknownHash(), FeedKeyHash = SecretKeys.UnknownHash() };
            var local = new Checks();
            Inputs.Apply(request, room, local);
            if (!local.Ok) { Merge(row, local); continue; }
            if (isNew) { school.Classrooms.Add(room); created++; } else updated++;
        }

        return (created, updated);
    }

    public (int, int) BellSchedules(IEnumerable<ImportRow> rows)
    {
        var (created, updated) = (0, 0);
        var groups = rows.Select(r => (Row: r, School: School(r), Name: r.Text(ScheduleName, maxLength: 100)))
            .Where(g => g.School is not null && g.Name is not null)
            .GroupBy(g => (g.School!.Id, g.School.Code, g.Name));
        foreach (var group in groups)
        {
            var list = group.ToList();
            var first = list[0].Row;
            var periods = list.Select(x => new PeriodRequest(x.Row.Weekday(Weekday) ?? DayOfWeek.Sunday, x.Row.Text(Period, maxLength: 50),
                x.Row.Time(Start)?.ToString("HH:mm"), x.Row.Time(End)?.ToString("HH:mm"))).ToList();
            var request = new BellScheduleRequest(group.Key.Name, first.Date(ValidFrom, required: false), first.Date(ValidTo, required: false), periods);
            var local = new Checks();
            var parsed = Inputs.BellSchedule(request, local);
            if (parsed is null)
            {
                foreach (var (field, messages) in local.Errors)
                {
                    var match = IndexPattern().Match(field);
                    var row = match.Success ? list[int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].Row : first;
                    foreach (var m in messages) errors.Add(row.Field(match.Success ? match.Groups[2].Value : field), m);
                }

                continue;
            }

            var school = context.SchoolsByCode[group.Key.Code];
            var existing = school.BellSchedules.FirstOrDefault(b => b.Name == parsed.Name);
            if (existing is null) { school.BellSchedules.Add(parsed); created++; continue; }
            (existing.ValidFrom, existing.ValidTo) = (parsed.ValidFrom, parsed.ValidTo);
            db.BellPeriods.RemoveRange(existing.Periods);
            existing.Periods = parsed.Periods;
            updated++;
        }

        return (created, updated);
    }

    public (int, int) Timetable(IEnumerable<ImportRow> rows)
    {
        var (created, updated) = (0, 0);
        foreach (var row in rows)
        {
            var school = School(row);
            var day = row.Weekday(Weekday);
            var period = row.Text(Period, maxLength: 50);
            var subject = row.Text(Subject, maxLength: 50);
            var grade = row.Int(Grade, 1, Inputs.MaxGrade);
            var teacherName = row.Text(ImportColumns.Teacher, maxLength: 100);
            var studioName = row.Text(ImportColumns.Studio, maxLength: 100);
            var bitrate = row.Decimal(BitrateMbps, 0.1, 50, required: false) ?? 2.0;
            if (school is null || day is null || period is null || subject is null || grade is null || teacherName is null || studioName is null) continue;
            if (!school.IsLead) { row.Fail(SchoolCode, $"School '{school.Code}' is not the lead school; lead lessons are taught by the lead school."); continue; }

            var teacher = school.Teachers.FirstOrDefault(t => t.Name == teacherName);
            if (teacher is null) { teacher = new Domain.Teacher { Name = teacherName, FeedKeyHash = SecretKeys.UnknownHash() }; school.Teachers.Add(teacher); }
            var studio = school.Studios.FirstOrDefault(s => s.Name == studioName);
            if (studio is null) { studio = new Domain.Studio { Name = studioName }; school.Studios.Add(studio); }

            var lesson = context.LeadLessons.FirstOrDefault(l => l.SchoolId == school.Id && l.Weekday == day && l.PeriodName == period && (l.Studio == studio || l.StudioId == studio.Id && studio.Id != 0));
            var clash = context.LeadLessons.FirstOrDefault(l => l != lesson && l.Weekday == day && l.PeriodName == period && (l.Teacher == teacher || (teacher.Id != 0 && l.TeacherId == teacher.Id)));
            if (clash is not null) { row.Fail(ImportColumns.Teacher, $"{teacherName} already teaches {clash.Subject} on {day} '{period}'."); continue; }
            if (lesson is null)
            {
                lesson = new Domain.LeadLesson { AllianceId = context.AllianceId, SchoolId = school.Id, Subject = subject, PeriodName = period, Studio = studio };
                db.LeadLessons.Add(lesson);
                context.LeadLessons.Add(lesson);
                created++;
            }
            else updated++;

            (lesson.Subject, lesson.Grade, lesson.Weekday, lesson.PeriodName, lesson.BitrateMbps) = (subject, grade.Value, day.Value, period, bitrate);
            lesson.Teacher = teacher;
            lesson.Studio = studio;
        }

        return (created, updated);
    }

    public (int, int) Demands(IEnumerable<ImportRow> rows)
    {
        var (created, updated) = (0, 0);
        foreach (var row in rows)
        {
            var room = Room(row);
            var subject = row.Text(Subject, maxLength: 50);
            var perWeek = row.Int(LessonsPerWeek, 1, 20);
            var slotsText = row.Text(Periods, maxLength: 1000);
            if (room is null || subject is null || perWeek is null || slotsText is null) continue;
            if (!Weekdays.TryParseSlots(slotsText, out var slots, out var bad)) { row.Fail(Periods, $"'{bad ?? slotsText}' is not '周一 第3节; 周三 第5节'."); continue; }
            var local = new Checks();
            var parsed = Inputs.Demand(new DemandRequest(subject, perWeek.Value, slots.Select(s => new DemandPeriodRequest(s.Day, s.Period)).ToList()), local);
            if (parsed is null) { Merge(row, local); continue; }
            var existing = room.Demands.FirstOrDefault(d => d.Subject == parsed.Subject);
            if (existing is null) { room.Demands.Add(parsed); created++; continue; }
            existing.LessonsPerWeek = parsed.LessonsPerWeek;
            db.DemandPeriods.RemoveRange(existing.Periods);
            existing.Periods = parsed.Periods;
            updated++;
        }

        return (created, updated);
    }

    public (int, int) Rosters(IEnumerable<ImportRow> rows)
    {
        var (created, updated) = (0, 0);
        var seen = new Dictionary<(string School, string Student), int>();
        foreach (var row in rows)
        {
            var room = Room(row);
            var local = new Checks();
            var student = Inputs.Student(new RosterEntryRequest(row.Text(StudentId, maxLength: 64), row.Text(DisplayName, maxLength: 100)), local);
            if (room is null) continue;
            if (student is null) { Merge(row, local); continue; }
            var key = (room.School?.Code ?? room.SchoolId.ToString(System.Globalization.CultureInfo.InvariantCulture), student.SchoolStudentId);
            if (seen.TryGetValue(key, out var other)) { row.Fail(StudentId, $"Student id '{student.SchoolStudentId}' is also on row {other}."); continue; }
            seen[key] = row.Number;
            var existing = room.Roster.FirstOrDefault(r => r.SchoolStudentId == student.SchoolStudentId);
            if (existing is null) { room.Roster.Add(student); created++; }
            else
            {
                existing.DisplayName = student.DisplayName;
                // A re-import confirms the entry even when nothing changed: write it, so roster retention counts from now.
                db.Entry(existing).Property(x => x.UpdatedUtcTicks).IsModified = true;
                updated++;
            }
        }

        return (created, updated);
    }

    private School? School(ImportRow row)
    {
        var code = row.Text(SchoolCode, maxLength: 64);
        if (code is null) return null;
        if (context.SchoolsByCode.TryGetValue(code, out var school)) return school;
        row.Fail(SchoolCode, $"No school with code '{code}' in this alliance (import schools first).");
        return null;
    }

    private ClassroomRoom? Room(ImportRow row)
    {
        var school = School(row);
        var name = row.Text(ClassName, maxLength: 100);
        if (school is null || name is null) return null;
        var room = school.Classrooms.FirstOrDefault(c => c.ClassName == name);
        if (room is null) row.Fail(ClassName, $"School '{school.Code}' has no class '{name}' (import classrooms first).");
        return room;
    }

    private void Merge(ImportRow row, Checks local)
    {
        foreach (var (field, messages) in local.Errors)
            foreach (var m in messages) errors.Add(row.Field(field), m);
    }

    [GeneratedRegex(@"^periods\[(\d+)\]\.(\w+)$")]
    private static partial Regex IndexPattern();
}
