using System.Text;
using Classroom.Contracts.Export;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Contracts.Tests.Export;

/// <summary>The one CSV and xlsx writer of every export: quoting, formula guard, and which cells are numbers.</summary>
public sealed class TableExportTests
{
    [Theory]
    [InlineData("12", true)]
    [InlineData("-3", true)]
    [InlineData("0", true)]
    [InlineData("0.5", true)]
    [InlineData("87.5", true)]
    [InlineData("007", false)]
    [InlineData("1e5", false)]
    [InlineData("1,000", false)]
    [InlineData("3.", false)]
    [InlineData("08:10", false)]
    [InlineData("", false)]
    [InlineData("-", false)]
    public void A_plain_decimal_is_a_number_and_a_code_stays_text(string value, bool number) =>
        Assert.Equal(number, TableCell.IsNumber(value));

    [Fact]
    public void Csv_quotes_by_RFC_4180_and_a_spreadsheet_never_runs_a_name_as_a_formula()
    {
        var text = Encoding.UTF8.GetString(Csv.Bytes([["名称 name", "数 n"], ["=王,小\"明", "-3"], ["@x", null], ["\tcmd", "+1"]]));
        Assert.Equal("\uFEFF名称 name,数 n\r\n\"'=王,小\"\"明\",-3\r\n'@x,\r\n'\tcmd,'+1\r\n", text);
    }

    [Fact]
    public void Xlsx_writes_numbers_as_numbers_codes_as_text_and_leaves_null_cells_out()
    {
        var bytes = Xlsx.Write("计划与落实: Planned vs delivered [2026]", [["学校代码", "n"], ["007", "0.5"], ["H\u0001W", null]]);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheetName = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value!;
        Assert.True(sheetName.Length <= 31 && sheetName.IndexOfAny([':', '[', ']']) < 0, sheetName);
        var cells = doc.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        Assert.Equal(["A1", "B1", "A2", "B2", "A3"], cells.Select(c => c.CellReference!.Value));
        Assert.Equal(CellValues.SharedString, cells[2].DataType!.Value); // "007" keeps its zeros
        Assert.Equal(CellValues.Number, cells[3].DataType!.Value);
        Assert.Equal("0.5", cells[3].CellValue!.Text);
        var strings = doc.WorkbookPart.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        Assert.Contains("HW", strings); // a control character XML cannot hold is dropped, not a failed export
    }
}
