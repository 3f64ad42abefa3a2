using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Classroom.Hub.Protocol;
using Classroom.Hub.Reports;
using Classroom.Hub.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Hub.Tests.Reports;

/// <summary>Admin attendance reports over HTTP: admin tokens only, JSON/CSV/xlsx, 429 past the rate limit.</summary>
public sealed class AttendanceReportTests : IAsyncLifetime
{
    private InProcessHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await InProcessHub.StartAsync(extra: new() { ["Hub:RateLimitBurst"] = "12", ["Hub:RateLimitPerSecond"] = "1" });
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
        using var http = Client(_hub.Tokens.Admin());
        var rows = await http.GetFromJsonAsync<AttendanceRow[]>($"/api/hub/reports/lessons/{TestLessons.A}");
        Assert.Equal([101L, 102L, 201L], rows!.Select(r => r.ClassroomId).Order());
        var r101 = rows!.Single(r => r.ClassroomId == 101);
        Assert.Equal((37, 40, 1), (r101.Present, r101.Expected, r101.Absentees.Count));
        Assert.Null(rows!.Single(r => r.ClassroomId == 102).Present);

        var csv = Encoding.UTF8.GetString(await http.GetByteArrayAsync($"/api/hub/reports/lessons/{TestLessons.A}?format=csv"));
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("lesson,subject,starts_at", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"'=王,小\"\"明\"", csv, StringComparison.Ordinal); // RFC 4180 quoting, no formula

        var xlsx = await http.GetByteArrayAsync($"/api/hub/reports/lessons/{TestLessons.A}?format=xlsx");
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Equal(4, sheet.Descendants<Row>().Count());
    }

    [Fact]
    public async Task Term_report_and_heatmap_cover_a_date_range()
    {
        using var http = Client(_hub.Tokens.Admin());
        var from = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddDays(-7).ToString("O"));
        var to = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddDays(1).ToString("O"));
        var rows = await http.GetFromJsonAsync<AttendanceRow[]>($"/api/hub/reports/attendance?from={from}&to={to}");
        Assert.Equal(3, rows!.Length);
        var cells = await http.GetFromJsonAsync<HeatmapCell[]>($"/api/hub/reports/heatmap?from={from}&to={to}");
        var school2 = Assert.Single(cells!, c => c.SchoolId == 2);
        Assert.Equal((2, 1, 37, 40), (school2.RoomLessons, school2.RoomsJoined, school2.Present, school2.Expected));
        var bad = await http.GetAsync(new Uri("/api/hub/reports/attendance?from=x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Non_admins_get_403_other_alliances_see_nothing_and_bursts_get_429()
    {
        using var teacher = Client(_hub.Tokens.Teacher());
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync(new Uri($"/api/hub/reports/lessons/{TestLessons.A}", UriKind.Relative))).StatusCode);
        using var anonymous = _hub.Server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri($"/api/hub/reports/lessons/{TestLessons.A}", UriKind.Relative))).StatusCode);
        using var otherAlliance = Client(_hub.Tokens.Admin(alliance: 2));
        Assert.Empty((await otherAlliance.GetFromJsonAsync<AttendanceRow[]>($"/api/hub/reports/lessons/{TestLessons.A}"))!);

        using var admin = Client(_hub.Tokens.Admin());
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 16; i++) codes.Add((await admin.GetAsync(new Uri($"/api/hub/reports/lessons/{TestLessons.A}", UriKind.Relative))).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.DoesNotContain(HttpStatusCode.ServiceUnavailable, codes);
    }
}
