using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Scheduler.Import;

/// <summary>Writes one worksheet of text and numbers: the export twin of <see cref="XlsxTableReader"/>.</summary>
public static class XlsxTableWriter
{
    /// <summary>Cells that parse as invariant numbers are written as numbers; null leaves the cell out.</summary>
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
                    var reference = Column(c) + r.ToString(CultureInfo.InvariantCulture);
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !value.StartsWith('0'))
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
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        }

        return stream.ToArray();
    }

    private static string Column(int zeroBased)
    {
        var name = string.Empty;
        for (var n = zeroBased + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + ((n - 1) % 26)) + name;
        return name;
    }
}
