namespace Classroom.Scheduler.Import;

/// <summary>
/// Every problem of one import file. A cell gets at most one message — the first rule it breaks —
/// so a bad value is never reported again by the rules that would read it next.
/// </summary>
public sealed class ImportErrors
{
    private readonly List<ImportIssue> _issues = [];
    private readonly HashSet<(int? Row, string? Column)> _cells = [];

    public bool Ok => _issues.Count == 0;

    public void Add(ImportIssue issue)
    {
        if (_cells.Add((issue.Row, issue.Column ?? issue.Topic))) _issues.Add(issue);
    }

    public bool Has(int row, string column) => _cells.Contains((row, column));

    /// <summary>File-level problems first, then by row, in the order they were found within a row.</summary>
    public IReadOnlyList<ImportIssue> Issues => _issues.OrderBy(i => i.Row ?? 0).ToList();
}
