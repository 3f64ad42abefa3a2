using Classroom.Scheduler.Api;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Tokens;
using static Classroom.Scheduler.Import.ImportColumns;
using static Classroom.Scheduler.Import.ImportMessages;

namespace Classroom.Scheduler.Import;

internal sealed partial class Importers
{
    /// <summary>Schools keyed by code (case-insensitive); a stored school with that code is updated. One lead school per alliance, counting stored ones.</summary>
    public ImportCounts Schools(IReadOnlyList<ImportRow> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var parsed = new List<(ImportRow Row, string Code, string? Name, bool IsLead, double? Link)>();
        foreach (var row in rows)
        {
            var code = row.Text(SchoolCode, maxLength: 64);
            var name = row.Text(SchoolName);
            var isLead = row.Bool(IsLead);
            var link = row.Decimal(LinkMbps, 0.1, 100_000);
            if (code is null || !FirstWithKey(seen, code, row, SchoolCode, "学校代码", "school code")) continue;
            parsed.Add((row, code, name, isLead, link));
        }

        // The lead schools after the import: a stored one the file does not mention comes first, then the file's, in order.
        int? leadRow = null;
        var leadCode = context.SchoolsByCode.Values.FirstOrDefault(s => s.IsLead && !seen.ContainsKey(s.Code))?.Code;
        foreach (var (row, code, _, isLead, _) in parsed)
        {
            context.SchoolsByCode.TryGetValue(code, out var school);
            if (school is { IsLead: true } && !isLead && !row.Failed(IsLead) && context.LeadLessons.Exists(l => l.SchoolId == school.Id))
                row.Fail(IsLead, LeadHasLessons(code));
            if (!isLead) continue;
            if (leadCode is null) (leadRow, leadCode) = (row.Number, code);
            else if (leadRow is { } other) row.Fail(IsLead, SecondLeadRow(other, leadCode), other);
            else row.Fail(IsLead, SecondLeadStored(leadCode));
        }

        var counts = new ImportCounts();
        foreach (var (row, code, name, isLead, link) in parsed)
        {
            if (row.HasErrors) continue;
            if (context.SchoolsByCode.TryGetValue(code, out var school))
            {
                var same = school.Name == name && school.IsLead == isLead && school.LinkMbps.Equals(link);
                (school.Name, school.IsLead, school.LinkMbps) = (name!, isLead, link!.Value);
                counts = counts.Add(same ? ImportChange.Unchanged : ImportChange.Updated);
                continue;
            }

            school = new School { Name = name!, Code = code, IsLead = isLead, LinkMbps = link!.Value, AllianceId = context.AllianceId };
            db.Schools.Add(school);
            context.SchoolsByCode[code] = school;
            counts = counts.Add(ImportChange.Created);
        }

        return counts;
    }

    /// <summary>Classrooms keyed by (school, class name); a stored room is updated; an empty seats cell keeps the stored seats.</summary>
    public ImportCounts Classrooms(IReadOnlyList<ImportRow> rows)
    {
        var seen = new Dictionary<(string, string), int>();
        var counts = new ImportCounts();
        foreach (var row in rows)
        {
            var school = School(row);
            var name = row.Text(ClassName, maxLength: 100);
            var gradeText = row.Text(Grade, maxLength: 40);
            IReadOnlyList<int>? grades = null;
            if (gradeText is not null)
            {
                if (RoomGrades.TryRead(gradeText, Inputs.MaxGrade, out var read)) grades = read;
                else row.Fail(Grade, NotGrades(gradeText, Inputs.MaxGrade));
            }

            var seats = row.Int(Seats, 0, 500, required: false);
            if (school is null || name is null || !FirstWithKey(seen, (school.Code.ToUpperInvariant(), name), row, ClassName, "学校和班级", "school and class")) continue;
            if (row.HasErrors) continue;

            var room = school.Classrooms.FirstOrDefault(c => c.ClassName == name);
            if (room is null)
            {
                var created = new ClassroomRoom
                {
                    ClassName = name, Seats = seats ?? 0, KioskKeyHash = SecretKeys.UnknownHash(), FeedKeyHash = SecretKeys.UnknownHash(),
                };
                RoomGrades.Apply(created, grades!);
                school.Classrooms.Add(created);
                counts = counts.Add(ImportChange.Created);
                continue;
            }

            var same = room.Grades.SequenceEqual(grades!) && (seats is null || room.Seats == seats);
            RoomGrades.Apply(room, grades!);
            room.Seats = seats ?? room.Seats;
            counts = counts.Add(same ? ImportChange.Unchanged : ImportChange.Updated);
        }

        return counts;
    }
}
