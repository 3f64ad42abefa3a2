using Classroom.Scheduler.Api;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Tokens;
using static Classroom.Scheduler.Import.ImportColumns;
using static Classroom.Scheduler.Import.ImportMessages;

namespace Classroom.Scheduler.Import;

internal sealed partial class Importers
{
    private sealed record LessonRow(ImportRow Row, School School, DayOfWeek Day, string Period, string Subject, int Grade, string Teacher, string Studio, double? Bitrate, bool? Recording)
    {
        public LeadLesson? Stored { get; set; }
    }

    /// <summary>
    /// Lead lessons keyed by (lead school, weekday, period, studio). A row for a stored lesson's
    /// slot updates its teacher and bitrate when subject and grade are the same; another subject
    /// or grade there is a clash, never an overwrite. A teacher teaches one lesson per slot,
    /// counting the stored lessons the file leaves as they are.
    /// </summary>
    public ImportCounts Timetable(IReadOnlyList<ImportRow> rows)
    {
        var seen = new Dictionary<(string, DayOfWeek, string, string), int>();
        var lessons = new List<LessonRow>();
        foreach (var row in rows)
        {
            var school = School(row);
            var day = row.Weekday(Weekday);
            var period = row.Text(Period, maxLength: 50);
            var subject = row.Text(Subject, maxLength: 50);
            var grade = row.Int(Grade, 1, Inputs.MaxGrade);
            var teacher = row.Text(ImportColumns.Teacher, maxLength: 100);
            var studio = row.Text(ImportColumns.Studio, maxLength: 100);
            var bitrate = row.Decimal(BitrateMbps, 0.1, 50, required: false);
            // 录制 (optional): yes/no; empty keeps a stored lesson's setting, a new lesson records.
            bool? recording = row.Text(ImportColumns.Recording, required: false) is null ? null : row.Bool(ImportColumns.Recording);
            if (school is null || day is null || period is null || studio is null) continue;
            if (!school.IsLead) { row.Fail(SchoolCode, NotLeadSchool(school.Code)); continue; }
            if (!FirstWithKey(seen, (school.Code.ToUpperInvariant(), day.Value, period, studio), row, ImportColumns.Studio, "录播室和节次", "studio, weekday and period")) continue;
            CheckPeriods(row, Period, school, [(day.Value, period)]);
            if (subject is null || grade is null || teacher is null) continue;

            var lesson = new LessonRow(row, school, day.Value, period, subject, grade.Value, teacher, studio, bitrate, recording)
            {
                Stored = context.LeadLessons.FirstOrDefault(l => l.SchoolId == school.Id && l.Weekday == day && l.PeriodName == period && l.Studio?.Name == studio),
            };
            if (lesson.Stored is { } stored && (stored.Subject != subject || stored.Grade != grade))
                row.Fail(Subject, SlotTaken(studio, day.Value, period, stored.Subject, stored.Grade, stored.Teacher?.Name ?? "?"));
            lessons.Add(lesson);
        }

        // A row refused for its slot never lands; every other readable row counts, whatever else is wrong with it.
        CheckTeachers(lessons.Where(l => !l.Row.Failed(Subject)).ToList());

        var counts = new ImportCounts();
        foreach (var l in lessons.Where(l => !l.Row.HasErrors))
        {
            var teacher = l.School.Teachers.FirstOrDefault(t => t.Name == l.Teacher);
            if (teacher is null) { teacher = new Domain.Teacher { Name = l.Teacher, FeedKeyHash = SecretKeys.UnknownHash() }; l.School.Teachers.Add(teacher); }
            var studio = l.School.Studios.FirstOrDefault(s => s.Name == l.Studio);
            if (studio is null) { studio = new Domain.Studio { Name = l.Studio }; l.School.Studios.Add(studio); }
            if (l.Stored is { } stored)
            {
                var same = stored.Teacher == teacher && (l.Bitrate is null || stored.BitrateMbps.Equals(l.Bitrate))
                    && (l.Recording is null || stored.RecordingEnabled == l.Recording);
                stored.Teacher = teacher;
                stored.BitrateMbps = l.Bitrate ?? stored.BitrateMbps;
                stored.RecordingEnabled = l.Recording ?? stored.RecordingEnabled;
                counts = counts.Add(same ? ImportChange.Unchanged : ImportChange.Updated);
                continue;
            }

            var lesson = new LeadLesson
            {
                AllianceId = context.AllianceId, SchoolId = l.School.Id, Subject = l.Subject, Grade = l.Grade, Weekday = l.Day, PeriodName = l.Period,
                Teacher = teacher, Studio = studio, BitrateMbps = l.Bitrate ?? 2.0, RecordingEnabled = l.Recording ?? true,
            };
            db.LeadLessons.Add(lesson);
            context.LeadLessons.Add(lesson);
            counts = counts.Add(ImportChange.Created);
        }

        return counts;
    }

    /// <summary>
    /// A teacher in two places at once, judged on the timetable as it would be after the import:
    /// stored lessons the file does not touch keep their teacher, the file's rows bring theirs.
    /// </summary>
    private void CheckTeachers(List<LessonRow> lessons)
    {
        var touched = lessons.Where(l => l.Stored is not null).Select(l => l.Stored!).ToHashSet();
        var first = new Dictionary<(long, string, DayOfWeek, string), (LessonRow? Row, LeadLesson? Stored)>();
        foreach (var stored in context.LeadLessons.Where(l => !touched.Contains(l) && l.Teacher is not null))
            first.TryAdd((stored.SchoolId, stored.Teacher!.Name, stored.Weekday, stored.PeriodName), (null, stored));
        foreach (var l in lessons)
        {
            var key = (l.School.Id, l.Teacher, l.Day, l.Period);
            if (!first.TryGetValue(key, out var other)) { first[key] = (l, null); continue; }
            if (other.Row is { } row) l.Row.Fail(ImportColumns.Teacher, TeacherBusyRow(l.Teacher, l.Day, l.Period, row.Row.Number), row.Row.Number);
            else l.Row.Fail(ImportColumns.Teacher, TeacherBusyStored(l.Teacher, l.Day, l.Period, other.Stored!.Subject, other.Stored.Studio?.Name ?? "?"));
        }
    }
}
