using System.Text;
using Classroom.Scheduler.Import;

namespace Classroom.Scheduler.Tests.Import;

/// <summary>The .xlsx reader streams and refuses what it would have to hold too much of (docs/security.md).</summary>
public sealed class XlsxBoundsTests
{
    private const string Sheet = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{HandMadeWorkbook.Main}\"><sheetData>";
    private const string SheetEnd = "</sheetData></worksheet>";

    [Fact]
    public void A_cell_named_column_AAAAAA_is_refused_without_growing_the_process()
    {
        var bytes = HandMadeWorkbook.WithSheetXml(Sheet + "<row r=\"1\"><c r=\"AAAAAA1\" t=\"inlineStr\"><is><t>x</t></is></c></row>" + SheetEnd);
        Assert.InRange(bytes.Length, 500, 2_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ok = XlsxTableReader.TryRead(bytes, out var table, out var error);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(ok);
        Assert.Null(table);
        Assert.Contains("AAAAAA1", error, StringComparison.Ordinal);
        Assert.Contains("column BL", error, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 4 * 1024 * 1024);
    }

    [Fact]
    public void A_sheet_that_inflates_to_200_MB_is_refused_from_the_zip_directory_without_inflating_it()
    {
        var row = Encoding.UTF8.GetBytes("<row><c t=\"inlineStr\"><is><t>河湾村小学 河湾村小学 河湾村小学</t></is></c></row>");
        var bytes = HandMadeWorkbook.Build(sheet =>
        {
            sheet.Write(Encoding.UTF8.GetBytes(Sheet));
            for (long written = 0; written < 200L * 1024 * 1024; written += row.Length) sheet.Write(row);
            sheet.Write(Encoding.UTF8.GetBytes(SheetEnd));
        });
        Assert.InRange(bytes.Length, 1, 8 * 1024 * 1024); // fits under the upload limit: only the ratio is hostile

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ok = XlsxTableReader.TryRead(bytes, out _, out var error);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(ok);
        Assert.Contains("xl/worksheets/sheet1.xml", error, StringComparison.Ordinal);
        Assert.Contains("at most 64 MB", error, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 4 * 1024 * 1024);
    }

    [Fact]
    public void More_rows_than_the_bound_are_refused_and_the_error_says_how_many_are_read()
    {
        var xml = new StringBuilder(Sheet);
        for (var r = 1; r <= XlsxLimits.MaxRows + 1; r++) xml.Append("<row r=\"").Append(r).Append("\"><c r=\"A").Append(r).Append("\"><v>").Append(r).Append("</v></c></row>");
        xml.Append(SheetEnd);

        Assert.False(XlsxTableReader.TryRead(HandMadeWorkbook.WithSheetXml(xml.ToString()), out _, out var error));
        Assert.Contains($"more than {XlsxLimits.MaxRows} rows", error, StringComparison.Ordinal);
    }

    [Fact]
    public void More_shared_strings_than_the_bound_are_refused()
    {
        var strings = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{HandMadeWorkbook.Main}\">");
        for (var i = 0; i <= XlsxLimits.MaxSharedStrings; i++) strings.Append("<si><t>s</t></si>");
        strings.Append("</sst>");
        var bytes = HandMadeWorkbook.Build(s => s.Write(Encoding.UTF8.GetBytes(Sheet + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>" + SheetEnd)), strings.ToString());

        Assert.False(XlsxTableReader.TryRead(bytes, out _, out var error));
        Assert.Contains("shared strings", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_BL_is_still_read_and_BM_is_refused()
    {
        Assert.True(XlsxTableReader.TryRead(HandMadeWorkbook.WithSheetXml(Sheet + "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"BL1\"><v>2</v></c></row>" + SheetEnd), out var table, out _));
        Assert.Equal(64, table!.Headers.Count);
        Assert.Equal("2", table.Headers[63]);

        Assert.False(XlsxTableReader.TryRead(HandMadeWorkbook.WithSheetXml(Sheet + "<row r=\"1\"><c r=\"BM1\"><v>2</v></c></row>" + SheetEnd), out _, out var error));
        Assert.Contains("BM1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_and_rich_strings_are_read_without_phonetic_runs_and_empty_cells_leave_gaps()
    {
        var xml = Sheet +
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>学校代码</t></is></c><c r=\"B1\"/><c r=\"C1\" t=\"inlineStr\"><is><r><t>学校</t></r><r><t>名称</t></r><rPh sb=\"0\" eb=\"1\"><t>がっこう</t></rPh></is></c></row>" +
            "<row r=\"2\"/>" +
            "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"C3\"><f>1+1</f><v>2</v></c></row>" + SheetEnd;
        var sst = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{HandMadeWorkbook.Main}\"><si><r><t>H</t></r><r><t>W</t></r></si></sst>";

        Assert.True(XlsxTableReader.TryRead(HandMadeWorkbook.Build(s => s.Write(Encoding.UTF8.GetBytes(xml)), sst), out var table, out var error), error);
        Assert.Equal(["学校代码", "", "学校名称"], table!.Headers);
        Assert.Equal(3, table.Rows[0].RowNumber);
        Assert.Equal(["HW", "", "2"], table.Rows[0].Cells);
        Assert.Single(table.Rows);
    }

    [Fact]
    public void Malformed_sheet_xml_is_not_a_readable_workbook() =>
        Assert.False(XlsxTableReader.TryRead(HandMadeWorkbook.WithSheetXml(Sheet + "<row><c><v>1</c>"), out _, out _));
}
