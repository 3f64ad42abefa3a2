using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Hub.Reports;

/// <summary>A one-sheet workbook: numbers as numbers, text as inline strings.</summary>
internal static class XlsxWriter
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<object[]> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(header.Cast<object>()));
            foreach (var r in rows) data.Append(Row(r));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "attendance" }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(IEnumerable<object> values)
    {
        var row = new Row();
        foreach (var v in values)
        {
            row.Append(v switch
            {
                int or long or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(v, CultureInfo.InvariantCulture)!) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")) },
            });
        }

        return row;
    }
}
