using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Scheduler.Import;

/// <summary>Reads the first worksheet of an .xlsx into a <see cref="Table"/> (shared and inline strings, numbers as invariant text).</summary>
public static class XlsxTableReader
{
    public static bool TryRead(byte[] bytes, out Table? table, out string? error)
    {
        table = null;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var doc = SpreadsheetDocument.Open(stream, false);
            var workbook = doc.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is null) { error = "The workbook has no worksheet."; return false; }
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id.Value);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];

            var rows = new List<(int, string[])>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var values = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value);
                    while (values.Count < column) values.Add(string.Empty);
                    values.Add(Text(cell, shared).Trim());
                }

                if (values.TrueForAll(string.IsNullOrWhiteSpace)) continue;
                rows.Add(((int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)), values.ToArray()));
            }

            if (rows.Count == 0) { error = "The worksheet is empty: a header row is required."; return false; }
            table = new Table(rows[0].Item2, rows.Skip(1).ToList());
            error = null;
            return true;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FormatException or IOException or NotSupportedException)
        {
            error = "The file is not a readable .xlsx workbook.";
            return false;
        }
    }

    private static string Text(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? cell.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Length ? shared[i] : string.Empty;
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? string.Empty;
        return raw;
    }

    /// <summary>"C7" → 2 (zero-based column).</summary>
    private static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return 0;
        var index = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch)) break;
            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return Math.Max(0, index - 1);
    }
}
