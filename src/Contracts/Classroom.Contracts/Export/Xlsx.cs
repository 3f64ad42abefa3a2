using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Contracts.Export;

/// <summary>
/// A one-sheet workbook of text and numbers, as every xlsx export and template of the server writes
/// it: a cell that is a plain decimal (<see cref="TableCell.IsNumber"/>) is a number, any other text a
/// shared string; a null cell is left out.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(string sheetName, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var r = 0;
            foreach (var values in rows)
            {
                r++;
                var row = new Row { RowIndex = (uint)r };
                for (var c = 0; c < values.Count; c++)
                {
                    var value = values[c];
                    if (value is null) continue;
                    value = XmlText(value);
                    var reference = Column(c) + r.ToString(CultureInfo.InvariantCulture);
                    if (TableCell.IsNumber(value))
                    {
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(value), DataType = CellValues.Number });
                        continue;
                    }

                    if (!index.TryGetValue(value, out var i))
                    {
                        i = index.Count;
                        index[value] = i;
                        strings.SharedStringTable.Append(new SharedStringItem(new Text(value) { Space = SpaceProcessingModeValues.Preserve }));
                    }

                    row.Append(new Cell { CellReference = reference, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.SharedString });
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(sheetName) }));
        }

        return stream.ToArray();
    }

    // XML 1.0 has no place for control characters other than tab and line breaks (an imported name may hold one): dropped.
    private static string XmlText(string value) =>
        value.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')) ? new string(value.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray()) : value;

    // Excel refuses a sheet name over 31 characters or holding : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : c).ToArray()).Trim();
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }

    private static string Column(int zeroBased)
    {
        var name = string.Empty;
        for (var n = zeroBased + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + ((n - 1) % 26)) + name;
        return name;
    }
}
