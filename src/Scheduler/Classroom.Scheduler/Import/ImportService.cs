using Classroom.Scheduler.Api;
using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static Classroom.Scheduler.Import.ImportColumns;

namespace Classroom.Scheduler.Import;

/// <summary>
/// Imports a school's spreadsheet (CSV or xlsx) into an alliance. All or nothing: every row is
/// checked, any error rolls the whole file back and the answer lists every bad row; rows update
/// existing records by their natural key (school code, class name, schedule name, student id),
/// so re-importing a corrected file never loses what is stored.
/// </summary>
public sealed class ImportService(SchedulerDbContext db, ILogger<ImportService> logger)
{
    public static readonly IReadOnlyDictionary<string, string[]> RequiredColumns = new Dictionary<string, string[]>
    {
        ["schools"] = [SchoolCode, SchoolName, LinkMbps],
        ["classrooms"] = [SchoolCode, Grade, ClassName],
        ["bell-schedules"] = [SchoolCode, ScheduleName, Weekday, Period, Start, End],
        ["timetable"] = [SchoolCode, Weekday, Period, Subject, Grade, Teacher, Studio],
        ["demands"] = [SchoolCode, ClassName, Subject, LessonsPerWeek, Periods],
        ["rosters"] = [SchoolCode, ClassName, StudentId, DisplayName],
    };

    public sealed record Outcome(int Rows, int Created, int Updated, IDictionary<string, string[]>? Errors);

    public async Task<Outcome> ImportAsync(long allianceId, string kind, Table table, CancellationToken ct)
    {
        var errors = new Checks();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Headers.Count; i++) columns.TryAdd(Canonical(table.Headers[i]), i);
        foreach (var missing in RequiredColumns[kind].Where(c => !columns.ContainsKey(c)))
            errors.Add("header", $"Column '{missing}' is missing (found: {string.Join(", ", table.Headers)}).");
        if (table.Rows.Count == 0) errors.Add("rows", "The file has a header but no data rows.");
        if (!errors.Ok) return new Outcome(table.Rows.Count, 0, 0, errors.Errors);

        var rows = table.Rows.Select(r => new ImportRow(r.RowNumber, columns, r.Cells, errors)).ToList();
        var context = await ImportContext.LoadAsync(db, allianceId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var importer = new Importers(db, context, errors);
        var (created, updated) = kind switch
        {
            "schools" => importer.Schools(rows),
            "classrooms" => importer.Classrooms(rows),
            "bell-schedules" => importer.BellSchedules(rows),
            "timetable" => importer.Timetable(rows),
            "demands" => importer.Demands(rows),
            "rosters" => importer.Rosters(rows),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        if (!errors.Ok)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new Outcome(rows.Count, 0, 0, errors.Errors);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            errors.Add("rows", "The file conflicts with stored data: " + (e.InnerException?.Message ?? e.Message));
            return new Outcome(rows.Count, 0, 0, errors.Errors);
        }

        SchedulerLog.Imported(logger, kind, allianceId, rows.Count);
        return new Outcome(rows.Count, created, updated, null);
    }
}
