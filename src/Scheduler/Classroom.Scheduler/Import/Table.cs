namespace Classroom.Scheduler.Import;

/// <summary>A sheet read from CSV or xlsx: a header row and data rows, with the row numbers people see in Excel.</summary>
public sealed class Table(IReadOnlyList<string> headers, IReadOnlyList<(int RowNumber, string[] Cells)> rows)
{
    public IReadOnlyList<string> Headers { get; } = headers;
    public IReadOnlyList<(int RowNumber, string[] Cells)> Rows { get; } = rows;
}
