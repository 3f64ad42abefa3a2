using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// The admin console's imports (docs/admin-imports.md): the preview (POST …/import/{kind}/preview)
/// checks a file exactly as the import does and stores nothing; the templates (GET
/// …/import/{kind}/template.csv|xlsx) carry the header in the caller's language and an example row
/// that imports cleanly into the demo alliance. Problems come in zh-CN (default) and English.
/// </summary>
public sealed class ImportPreviewTests : IDisposable
{
    private readonly SchedulerHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private HttpClient Caller(string lang)
    {
        var client = _host.Admin();
        if (lang != "default") client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(lang);
        return client;
    }

    private async Task<long> DemoAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/alliances")).ReadAsync(HttpStatusCode.OK)).AsArray().Select(a => (long)a!["id"]!).First();

    /// <summary>Everything an import of any kind could change, as one string.</summary>
    private string Snapshot() => _host.Scoped(sp =>
    {
        var db = sp.GetRequiredService<SchedulerDbContext>();
        return string.Join('|',
            string.Join(',', db.Schools.OrderBy(s => s.Id).Select(s => s.Id + s.Code + s.Name + s.IsLead + s.LinkMbps)),
            string.Join(',', db.Classrooms.OrderBy(c => c.Id).Select(c => c.Id + c.ClassName + c.Grade + c.MixedGrades + c.Seats)),
            db.BellSchedules.Count(), db.BellPeriods.Count(), db.LeadLessons.Count(), db.Teachers.Count(), db.Studios.Count(),
            db.Demands.Count(), db.Roster.Count(), db.Terms.Count(), db.TermDays.Count());
    });

    private static Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string url, string csv) =>
        client.PostAsync(url, new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Theory]
    [InlineData("default")]
    [InlineData("en")]
    public async Task A_preview_lists_every_problem_against_its_row_stores_nothing_and_a_clean_preview_imports_what_it_said(string lang)
    {
        var client = Caller(lang);
        var en = lang == "en";
        var id = await DemoAsync(client);
        var before = Snapshot();

        // Row 3: a school code the alliance does not have; row 4: not a grade.
        const string bad = "学校代码,年级,班级,座位数\nHW,\"3,4\",复式班,18\nXX,4,4年级2班,30\nSQ,十,十年级,30\n";
        var preview = await (await PostCsvAsync(client, $"/api/alliances/{id}/import/classrooms/preview", bad)).ReadAsync(HttpStatusCode.OK);
        Assert.False((bool)preview["clean"]!);
        Assert.Equal(3, (int)preview["rows"]!);
        Assert.Equal(0, (int)preview["created"]!);
        Assert.Equal(["学校代码", "年级", "班级", "座位数"], preview["headers"]!.AsArray().Select(h => (string)h!));
        Assert.Equal([2, 3, 4], preview["sample"]!.AsArray().Select(r => (int)r!["row"]!));
        Assert.Equal("3,4", (string?)preview["sample"]![0]!["cells"]![1]);
        var issues = preview["issues"]!.AsArray();
        Assert.Equal(2, issues.Count);
        var unknown = Assert.Single(issues, i => (int?)i!["row"] == 3)!;
        Assert.Equal("school_code", (string?)unknown["column"]);
        Assert.Equal("学校代码", (string?)unknown["header"]);
        Assert.Contains("XX", (string?)unknown["message"], StringComparison.Ordinal);
        var grade = Assert.Single(issues, i => (int?)i!["row"] == 4)!;
        Assert.Equal("grade", (string?)grade["column"]);
        Assert.Matches(en ? "[A-Za-z]{4}" : "[\u4e00-\u9fff]", (string?)grade["message"]);
        if (en) Assert.DoesNotMatch("[\u4e00-\u9fff]{3}", ((string?)unknown["message"])!.Replace("学校代码", "", StringComparison.Ordinal));
        Assert.Equal(before, Snapshot());

        // The corrected file: a clean preview with the counts the import then gives, still nothing stored.
        const string good = "学校代码,年级,班级,座位数\nHW,\"3,4\",复式班,18\nHW,4,4年级2班,30\nSQ,3,3年级1班,32\n";
        preview = await (await PostCsvAsync(client, $"/api/alliances/{id}/import/classrooms/preview", good)).ReadAsync(HttpStatusCode.OK);
        Assert.True((bool)preview["clean"]!);
        Assert.Empty(preview["issues"]!.AsArray());
        Assert.Equal((2, 1, 0), ((int)preview["created"]!, (int)preview["updated"]!, (int)preview["unchanged"]!));
        Assert.Equal(before, Snapshot());

        var imported = await (await PostCsvAsync(client, $"/api/alliances/{id}/import/classrooms", good)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal((2, 1, 0), ((int)imported["created"]!, (int)imported["updated"]!, (int)imported["unchanged"]!));
        Assert.NotEqual(before, Snapshot());
        var hw = (await (await client.GetAsync($"/api/alliances/{id}/schools")).ReadAsync(HttpStatusCode.OK)).AsArray().Single(s => (string?)s!["code"] == "HW")!;
        var rooms = (await (await client.GetAsync($"/api/schools/{hw.Id()}/classrooms")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal([3, 4], Assert.Single(rooms, r => (string?)r!["className"] == "复式班")!["grades"]!.AsArray().Select(g => (int)g!));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("en")]
    public async Task A_preview_of_an_unreadable_or_headerless_file_is_a_file_level_problem_and_a_wrong_kind_is_refused(string lang)
    {
        var client = Caller(lang);
        var en = lang == "en";
        var id = await DemoAsync(client);
        var before = Snapshot();

        var broken = new ByteArrayContent([(byte)'P', (byte)'K', 3, 4, 0, 0, 1, 2, 3]);
        broken.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        var preview = await (await client.PostAsync($"/api/alliances/{id}/import/schools/preview", broken)).ReadAsync(HttpStatusCode.OK);
        Assert.False((bool)preview["clean"]!);
        Assert.Null(Assert.Single(preview["issues"]!.AsArray())!["row"]);
        Assert.Empty(preview["sample"]!.AsArray());

        preview = await (await PostCsvAsync(client, $"/api/alliances/{id}/import/schools/preview", "name,code\nx,y\n")).ReadAsync(HttpStatusCode.OK);
        var missing = preview["issues"]!.AsArray();
        Assert.Contains(missing, i => (string?)i!["column"] == "link_mbps" && i["row"] is null);
        Assert.Contains(en ? "Column" : "列", (string?)missing[0]!["message"], StringComparison.Ordinal);

        var unknown = await (await PostCsvAsync(client, $"/api/alliances/{id}/import/pupils/preview", "a\n1\n")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(en ? "does not exist" : "没有", (string?)unknown["detail"], StringComparison.Ordinal);
        var noAlliance = await (await PostCsvAsync(client, "/api/alliances/9999/import/schools/preview", "a\n1\n")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(en ? "9999 does not exist" : "9999 不存在", (string?)noAlliance["detail"], StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task A_clean_preview_of_every_kind_saves_inside_a_transaction_and_rolls_it_back()
    {
        // The preview saves inside a transaction (so the database's own constraints are checked too)
        // and rolls it back: a clean file of every kind leaves the store as it was.
        var client = Caller("default");
        var id = await DemoAsync(client);
        var before = Snapshot();
        foreach (var kind in ImportService.RequiredColumns.Keys)
        {
            var csv = Encoding.UTF8.GetString(ImportTemplates.Csv(kind, english: false, new DateOnly(2026, 11, 23))).TrimStart('\uFEFF');
            var preview = await (await PostCsvAsync(client, $"/api/alliances/{id}/import/{kind}/preview", csv)).ReadAsync(HttpStatusCode.OK);
            Assert.True((bool)preview["clean"]!, $"{kind}: {preview["issues"]}");
            Assert.Equal(1, (int)preview["created"]! + (int)preview["updated"]!);
        }

        Assert.Equal(before, Snapshot());
        Assert.Equal(0, _host.Scoped(sp => sp.GetRequiredService<SchedulerDbContext>().Schools.Count(s => s.Code == "XY")));
    }

    [Theory]
    [InlineData("default", "csv")]
    [InlineData("en", "csv")]
    [InlineData("default", "xlsx")]
    [InlineData("en", "xlsx")]
    public async Task Every_template_has_the_header_in_the_callers_language_and_an_example_that_imports_into_the_demo(string lang, string format)
    {
        var client = Caller(lang);
        var en = lang == "en";
        var id = await DemoAsync(client);
        foreach (var kind in ImportService.RequiredColumns.Keys)
        {
            var response = await client.GetAsync($"/api/alliances/{id}/import/{kind}/template.{format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(format == "csv" ? "text/csv" : XlsxType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"import-{kind}-template.{format}", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Table? table;
            Assert.Null(format == "csv" ? CsvTableReader.Read(bytes, out table) : XlsxTableReader.Read(bytes, out table));
            var required = ImportService.RequiredColumns[kind].Select(c => ImportColumns.Label(c, en)).ToList();
            Assert.Equal(required, table!.Headers.Where(required.Contains));
            Assert.All(table.Headers, h => Assert.Contains(ImportColumns.Canonical(h), ImportTemplates.ColumnNames(kind)));
            Assert.All(table.Headers, h => Assert.Equal(en, !h.Any(c => c >= '\u4e00' && c <= '\u9fff')));
            Assert.Single(table.Rows);

            // The example row imports cleanly: previewed, then imported for real.
            var upload = new ByteArrayContent(bytes);
            upload.Headers.ContentType = new MediaTypeHeaderValue(format == "csv" ? "text/csv" : XlsxType);
            var preview = await (await client.PostAsync($"/api/alliances/{id}/import/{kind}/preview", upload)).ReadAsync(HttpStatusCode.OK);
            Assert.True((bool)preview["clean"]!, $"{kind}.{format}: {preview["issues"]}");
            upload = new ByteArrayContent(bytes);
            upload.Headers.ContentType = new MediaTypeHeaderValue(format == "csv" ? "text/csv" : XlsxType);
            var imported = await (await client.PostAsync($"/api/alliances/{id}/import/{kind}", upload)).ReadAsync(HttpStatusCode.OK);
            Assert.Equal(1, (int)imported["rows"]!);
        }

        var mixed = await _host.Scoped(sp => sp.GetRequiredService<SchedulerDbContext>().Classrooms.SingleAsync(c => c.ClassName == (en ? "Mixed class 3-4" : "3-4年级复式班")));
        Assert.Equal("3,4", mixed.MixedGrades);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("en")]
    public async Task A_template_of_an_unknown_kind_or_alliance_is_not_found_in_the_callers_language(string lang)
    {
        var client = Caller(lang);
        var en = lang == "en";
        var id = await DemoAsync(client);
        var kind = await (await client.GetAsync($"/api/alliances/{id}/import/pupils/template.csv")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(en ? "Import kind 'pupils' does not exist" : "没有“pupils”这种导入", (string?)kind["detail"], StringComparison.Ordinal);
        var alliance = await (await client.GetAsync("/api/alliances/9999/import/schools/template.xlsx")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(en ? "9999 does not exist" : "9999 不存在", (string?)alliance["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_alliances_managers_preview_or_download_templates()
    {
        var id = await DemoAsync(_host.Admin());
        var before = Snapshot();
        var other = _host.WithToken(_host.AccessToken("other-alliance-admin", new Grant(AccountRole.AllianceAdmin, AllianceId: id + 100)));
        var teacher = _host.WithToken(_host.AccessToken("a-teacher", new Grant(AccountRole.Teacher, AllianceId: id, TeacherId: 1)));
        var anonymous = _host.CreateClient();
        foreach (var client in new[] { other, teacher, anonymous })
        {
            Assert.Contains((await client.GetAsync($"/api/alliances/{id}/import/schools/template.csv")).StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
            var post = await PostCsvAsync(client, $"/api/alliances/{id}/import/schools/preview", "学校代码,学校名称,带宽\nZZ,某校,10\n");
            Assert.Contains(post.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        }

        var manager = _host.WithToken(_host.AccessToken("alliance-admin", new Grant(AccountRole.AllianceAdmin, AllianceId: id)));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/alliances/{id}/import/schools/template.xlsx")).StatusCode);
        Assert.Equal(before, Snapshot());
    }
}
