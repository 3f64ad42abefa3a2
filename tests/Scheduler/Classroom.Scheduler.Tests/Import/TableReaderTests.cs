using System.Text;
using Classroom.Scheduler.Import;

namespace Classroom.Scheduler.Tests.Import;

public sealed class TableReaderTests
{
    [Fact]
    public void Csv_handles_quotes_commas_newlines_and_a_bom()
    {
        var text = "\uFEFF学校代码,学校名称,带宽\r\nHW,\"河湾村小学, 东校区\",20\r\nSQ,\"石桥\"\"村\"\"\nB\",12\r\n\r\n";
        Assert.True(CsvTableReader.TryRead(Encoding.UTF8.GetBytes(text), out var table, out _));
        Assert.Equal(["学校代码", "学校名称", "带宽"], table!.Headers);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("河湾村小学, 东校区", table.Rows[0].Cells[1]);
        Assert.Equal("石桥\"村\"\nB", table.Rows[1].Cells[1]);
        Assert.Equal(2, table.Rows[0].RowNumber);
        Assert.Equal(3, table.Rows[1].RowNumber);
    }

    [Fact]
    public void Csv_saved_by_Chinese_Excel_as_GB18030_keeps_its_names()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("学校代码,学校名称\nHW,河湾村小学\n");
        Assert.True(CsvTableReader.TryRead(bytes, out var table, out _));
        Assert.Equal("河湾村小学", table!.Rows[0].Cells[1]);
    }

    [Fact]
    public void An_unclosed_quote_names_its_line()
    {
        Assert.False(CsvTableReader.TryRead(Encoding.UTF8.GetBytes("a,b\n1,\"open\n2,3\n"), out _, out var error));
        Assert.Contains("Line 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_shared_strings_numbers_and_gaps_are_read()
    {
        var bytes = Classroom.Contracts.Export.Xlsx.Write("s", [["学校代码", "年级", "班级"], ["HW", "4", null], ["SQ", null, "5年级1班"]]);
        Assert.True(XlsxTableReader.TryRead(bytes, out var table, out _));
        Assert.Equal(["学校代码", "年级", "班级"], table!.Headers);
        Assert.Equal(["HW", "4"], table.Rows[0].Cells);
        Assert.Equal(["SQ", "", "5年级1班"], table.Rows[1].Cells);
        Assert.Equal(3, table.Rows[1].RowNumber);
    }

    [Fact]
    public void Garbage_is_not_a_workbook() =>
        Assert.False(XlsxTableReader.TryRead(Encoding.ASCII.GetBytes("PK not really a zip"), out _, out _));

    [Theory]
    [InlineData("周一", DayOfWeek.Monday)]
    [InlineData("星期三", DayOfWeek.Wednesday)]
    [InlineData("周日", DayOfWeek.Sunday)]
    [InlineData("礼拜天", DayOfWeek.Sunday)]
    [InlineData("Friday", DayOfWeek.Friday)]
    [InlineData("thu", DayOfWeek.Thursday)]
    [InlineData("7", DayOfWeek.Sunday)]
    [InlineData("1", DayOfWeek.Monday)]
    public void Weekdays_as_schools_write_them(string text, DayOfWeek expected)
    {
        Assert.True(Weekdays.TryParse(text, out var day));
        Assert.Equal(expected, day);
    }

    [Theory]
    [InlineData("周八")]
    [InlineData("0")]
    [InlineData("x")]
    [InlineData("")]
    public void Unknown_weekdays_are_rejected(string text) => Assert.False(Weekdays.TryParse(text, out _));

    [Fact]
    public void Demand_slots_parse_and_bad_ones_are_named()
    {
        Assert.True(Weekdays.TryParseSlots("周一 第3节；周三 第5节", out var slots, out _));
        Assert.Equal([(DayOfWeek.Monday, "第3节"), (DayOfWeek.Wednesday, "第5节")], slots);
        Assert.False(Weekdays.TryParseSlots("周一 第3节; 第5节", out _, out var bad));
        Assert.Equal("第5节", bad);
    }

    [Theory]
    [InlineData("学校代码", ImportColumns.SchoolCode)]
    [InlineData("School Code", ImportColumns.SchoolCode)]
    [InlineData("带宽(Mbps)", ImportColumns.LinkMbps)]
    [InlineData("节次", ImportColumns.Period)]
    [InlineData("display_name", ImportColumns.DisplayName)]
    public void Headers_map_to_canonical_columns(string header, string expected) => Assert.Equal(expected, ImportColumns.Canonical(header));
}
