using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Scheduler.Import;

/// <summary>
/// The rows of one worksheet, streamed cell by cell: a row's cells land at their column (gaps
/// become empty cells), blank rows are dropped, and a cell past column BL, a row past the row
/// bound or an oversized cell refuses the sheet before anything is allocated for it.
/// </summary>
internal static class XlsxSheetRows
{
    public static List<(int RowNumber, string[] Cells)> Read(WorksheetPart part, string[] shared)
    {
        var rows = new List<(int, string[])>();
        var values = new List<string>();
        var text = new StringBuilder();
        var rowNumber = 0;
        var inRow = false;
        OpenCell? cell = null;
        var inInline = false;
        var phonetic = 0;

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    inRow = true;
                    values.Clear();
                    rowNumber = XlsxTableReader.ParseInt(XlsxTableReader.Attribute(reader, "r"), rowNumber + 1);
                }

                if (reader.IsEndElement && inRow)
                {
                    inRow = false;
                    if (values.TrueForAll(string.IsNullOrWhiteSpace)) continue;
                    if (rows.Count >= XlsxLimits.MaxRows)
                        throw new XlsxRefusedException(ImportMessages.TooManyRows(XlsxLimits.MaxRows, rowNumber));
                    rows.Add((rowNumber, values.ToArray()));
                }
            }
            else if (type == typeof(Cell) && inRow)
            {
                if (reader.IsStartElement)
                {
                    var reference = XlsxTableReader.Attribute(reader, "r");
                    var column = Math.Max(reference is null ? values.Count : ColumnIndex(reference), values.Count);
                    if (column >= XlsxLimits.MaxColumns)
                        throw new XlsxRefusedException(ImportMessages.BeyondLastColumn(
                            XlsxTableReader.Shorten(reference ?? $"#{column + 1} of row {rowNumber}", 16), XlsxLimits.LastColumnName, XlsxLimits.MaxColumns));
                    while (values.Count < column) values.Add(string.Empty);
                    cell = new OpenCell(reference, XlsxTableReader.Attribute(reader, "t"));
                    text.Clear();
                }

                if (reader.IsEndElement && cell is not null)
                {
                    values.Add(Value(cell.Type, text.ToString(), shared).Trim());
                    cell = null;
                }
            }
            else if (cell is null)
            {
                continue;
            }
            else if (type == typeof(InlineString))
            {
                inInline = reader.IsStartElement && !reader.IsEndElement;
            }
            else if (type == typeof(PhoneticRun))
            {
                phonetic += reader.IsStartElement ? 1 : 0;
                phonetic -= reader.IsEndElement ? 1 : 0;
            }
            else if (reader.IsStartElement && ((type == typeof(CellValue) && !inInline) || (type == typeof(Text) && inInline && phonetic == 0)))
            {
                var at = cell;
                XlsxTableReader.AppendText(reader, text, XlsxLimits.MaxCellChars, () => ($"单元格 {XlsxTableReader.Shorten(at.Reference ?? "?", 16)} ", $"Cell {XlsxTableReader.Shorten(at.Reference ?? "?", 16)}"));
            }
        }

        return rows;
    }

    private sealed record OpenCell(string? Reference, string? Type);

    private static string Value(string? type, string raw, string[] shared) => type switch
    {
        "s" => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Length ? shared[i] : string.Empty,
        _ => raw,
    };

    /// <summary>"C7" → 2 (zero-based); any column past <see cref="XlsxLimits.MaxColumns"/> → MaxColumns (the caller refuses it).</summary>
    internal static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch)) break;
            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
            if (index > XlsxLimits.MaxColumns) return XlsxLimits.MaxColumns;
        }

        return Math.Max(0, index - 1);
    }
}
