using System.Net;
using System.Net.Http.Headers;
using Classroom.Hub.Protocol;
using Classroom.Hub.Reports;
using Classroom.Hub.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Hub.Tests.Reports;

/// <summary>
/// Attendance reports: the rows, CSV and xlsx the report endpoints serve, and a hub node that runs
/// without the identity role refusing them to every join token (only a signed-in admin of the
/// lesson's scope reads them; the server's negative matrix covers who).
/// </summary>
public sealed class AttendanceReportTests : IAsyncLifetime
{
    private InProcessHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await InProcessHub.StartAsync();
        await using var r101 = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        await using var r201 = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));
        await r101.Call<RecordAck>("CheckIn", new CheckInInput(Guid.NewGuid(), TestLessons.A, 101, 37, MediaTime.Now));
        await r101.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 101, "=王,小\"明", true, MediaTime.Now));
        await r201.Call<RecordAck>("CheckIn", new CheckInInput(Guid.NewGuid(), TestLessons.A, 201, 25, MediaTime.Now));
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private HttpClient Client(string token)
    {
        var http = _hub.Server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [Fact]
    public async Task Lesson_report_lists_every_paired_room_in_json_csv_and_xlsx()
    {
        var reports = _hub.Service<AttendanceReports>();
        var rows = await reports.LessonAsync(TestLessons.Alliance, TestLessons.A, CancellationToken.None);
        Assert.Equal([101L, 102L, 201L], rows!.Select(r => r.ClassroomId).Order());
        var r101 = rows!.Single(r => r.ClassroomId == 101);
        Assert.Equal((37, 40, 1), (r101.Present, r101.Expected, r101.Absentees.Count));
        Assert.Null(rows!.Single(r => r.ClassroomId == 102).Present);

        var csv = System.Text.Encoding.UTF8.GetString(Classroom.Contracts.Export.Csv.Bytes(ReportResults.Table(rows))).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("lesson,subject,starts_at", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"'=王,小\"\"明\"", csv, StringComparison.Ordinal); // RFC 4180 quoting, no formula

        var xlsx = Classroom.Contracts.Export.Xlsx.Write("attendance", ReportResults.Table(rows));
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Equal(4, sheet.Descendants<Row>().Count());
    }

    [Fact]
    public async Task Term_report_and_heatmap_cover_a_date_range()
    {
        var reports = _hub.Service<AttendanceReports>();
        var rows = await reports.RangeAsync(TestLessons.Alliance, TimeProvider.System.GetUtcNow().AddDays(-7), TimeProvider.System.GetUtcNow().AddDays(1), CancellationToken.None);
        Assert.Equal(3, rows.Count);
        var cells = AttendanceReports.Heatmap(rows);
        var school2 = Assert.Single(cells, c => c.SchoolId == 2);
        Assert.Equal((2, 1, 37, 40), (school2.RoomLessons, school2.RoomsJoined, school2.Present, school2.Expected));
        Assert.Empty(await reports.LessonAsync(TestLessons.Alliance + 1, TestLessons.A, CancellationToken.None));
    }

    [Fact]
    public async Task A_hub_node_without_sign_in_refuses_reports_to_every_join_token()
    {
        foreach (var token in new[] { _hub.Tokens.Teacher(), _hub.Tokens.Admin(), _hub.Tokens.Room(101, 2) })
        {
            using var http = Client(token);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(new Uri($"/api/hub/reports/lessons/{TestLessons.A}", UriKind.Relative))).StatusCode);
        }

        using var anonymous = _hub.Server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri($"/api/hub/reports/lessons/{TestLessons.A}", UriKind.Relative))).StatusCode);
    }
}
