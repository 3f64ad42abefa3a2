using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static Classroom.Scheduler.Import.ImportColumns;

namespace Classroom.Scheduler.Import;

/// <summary>
/// Imports a school's spreadsheet (CSV or xlsx) into an alliance. All or nothing: every row is
/// checked — against the other rows of the file and against stored data — and any problem rolls
/// the whole file back; the answer lists every problem of the file, one per cell. The clash rules
/// of each kind are in docs/scheduler.md ("Imports").
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
        ["terms"] = [TermName, FirstDay, LastDay],
    };

    public sealed record Outcome(int Rows, ImportCounts Counts, IReadOnlyList<ImportIssue>? Issues);

    /// <summary>
    /// Imports the table, or with <paramref name="dryRun"/> checks it exactly as an import would —
    /// the rows, then the database's own constraints by saving inside the transaction — and rolls
    /// back, so the counts say what an import would do and nothing is stored.
    /// </summary>
    public async Task<Outcome> ImportAsync(long allianceId, string kind, Table table, bool dryRun, CancellationToken ct)
    {
        var errors = new ImportErrors();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Headers.Count; i++) columns.TryAdd(Canonical(table.Headers[i]), i);
        foreach (var missing in RequiredColumns[kind].Where(c => !columns.ContainsKey(c)))
            errors.Add(new ImportIssue(null, missing, null, ImportMessages.MissingColumn(missing, table.Headers), Topic: "header"));
        if (table.Rows.Count == 0) errors.Add(new ImportIssue(null, null, null, ImportMessages.NoRows(), Topic: "rows"));
        if (!errors.Ok) return new Outcome(table.Rows.Count, default, errors.Issues);

        var rows = table.Rows.Select(r => new ImportRow(r.RowNumber, columns, table.Headers, r.Cells, errors)).ToList();
        var context = await ImportContext.LoadAsync(db, allianceId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var importer = new Importers(db, context);
        var counts = kind switch
        {
            "schools" => importer.Schools(rows),
            "classrooms" => importer.Classrooms(rows),
            "bell-schedules" => importer.BellSchedules(rows),
            "timetable" => importer.Timetable(rows),
            "demands" => importer.Demands(rows),
            "rosters" => importer.Rosters(rows),
            "terms" => importer.Terms(rows),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        if (!errors.Ok)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new Outcome(rows.Count, default, errors.Issues);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            if (dryRun)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new Outcome(rows.Count, counts, null);
            }

            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            errors.Add(new ImportIssue(null, null, null, ImportMessages.StoredConflict(e.InnerException?.Message ?? e.Message), Topic: "rows"));
            return new Outcome(rows.Count, default, errors.Issues);
        }

        SchedulerLog.Imported(logger, kind, allianceId, rows.Count);
        return new Outcome(rows.Count, counts, null);
    }
}

/// <summary>What an import did: records created, stored records changed, and rows identical to what was stored.</summary>
public readonly record struct ImportCounts(int Created, int Updated, int Unchanged)
{
    public ImportCounts Add(ImportChange change) => change switch
    {
        ImportChange.Created => this with { Created = Created + 1 },
        ImportChange.Updated => this with { Updated = Updated + 1 },
        _ => this with { Unchanged = Unchanged + 1 },
    };
}

public enum ImportChange
{
    Created,
    Updated,
    Unchanged,
}
