using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Server.Tests.Recordings;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Reports, live today and recordings of the Vue admin console (docs/admin-reports.md) in real
/// Chromium against the real server (scheduler + hub roles, demo alliance). A lesson of the demo
/// week has run — its rooms' snapshots, presence and a check-in written to the hub's store as the
/// hub writes them (as PlannedDeliveredTests and ReplayInteractionTests do), with a recording made
/// by ffmpeg (RecordingWorld) — and a later lesson is running now with one room connected, one
/// dropped and one never in. A district admin opens the heat map (the canvas is drawn, the text
/// table holds the API's value), planned vs delivered (the API's numbers), live today (the
/// problems in the page's language, "watch" opens the replay page) and the recordings (viewers,
/// expiry, deletion after a confirmation). zh-CN and English; axe-core finds no serious violation.
/// </summary>
public sealed class AdminReportsPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(roles: "scheduler,hub"), "admin.html")
{
    private const string Password = "classroom-2026";
    private Lesson _ran = null!;
    private Lesson _live = null!;
    private long _allianceId;

    private sealed record Room(long ClassroomId, string ClassroomName, long SchoolId, string SchoolName);

    private sealed record Lesson(string LessonId, string Subject, DateTimeOffset StartsAt, DateTimeOffset EndsAt, List<Room> Rooms);

    protected override async Task ArrangeAsync()
    {
        var admin = Host.Admin();
        var week = await admin.CurrentWeekAsync();
        _allianceId = (long)week["allianceId"]!;
        var lessons = week["pairings"]!.AsArray().Select(p => p!).GroupBy(p => (string)p["lessonId"]!)
            .Select(g => new Lesson(g.Key, (string)g.First()["subject"]!, At(g.First()["startsAt"]!), At(g.First()["endsAt"]!),
                g.Select(p => new Room((long)p["classroomId"]!, (string)p["classroomName"]!, (long)p["schoolId"]!, (string)p["schoolName"]!)).ToList()))
            .OrderBy(l => l.StartsAt).ToList();
        // The week's first lesson has run; the biggest lesson starting after it ended is running now.
        _ran = lessons[0];
        _live = lessons.Where(l => l.StartsAt >= _ran.EndsAt && l.StartsAt.Date == _ran.StartsAt.Date).OrderByDescending(l => l.Rooms.Count).ThenBy(l => l.StartsAt).FirstOrDefault()
            ?? lessons.Where(l => l.StartsAt >= _ran.EndsAt).OrderByDescending(l => l.Rooms.Count).First();
        Assert.True(_live.Rooms.Count >= 2, "the demo week has a later lesson with two rooms or more");
        var now = _live.StartsAt.AddMinutes(5);
        Host.Clock.SetUtcNow(now);

        var ms = now.ToUnixTimeMilliseconds();
        var (ranStart, ranEnd) = (_ran.StartsAt.ToUnixTimeMilliseconds(), _ran.EndsAt.ToUnixTimeMilliseconds());
        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            foreach (var lesson in new[] { _ran, _live })
                foreach (var r in lesson.Rooms)
                    db.LessonRooms.Add(new LessonRoomSnapshot
                    {
                        LessonId = lesson.LessonId, ClassroomId = r.ClassroomId, ClassroomName = r.ClassroomName, SchoolId = r.SchoolId, SchoolName = r.SchoolName,
                        ExpectedHeadcount = 30, AllianceId = _allianceId, Subject = lesson.Subject,
                        StartsAtMs = lesson.StartsAt.ToUnixTimeMilliseconds(), EndsAtMs = lesson.EndsAt.ToUnixTimeMilliseconds(),
                    });
            // The lesson that ran: the teacher and every room for its whole length, the first room counted 28 of 30.
            db.Presence.Add(Interval(_ran.LessonId, "teacher", "teacher", null, null, ranStart, ranEnd, ranEnd, 0));
            foreach (var r in _ran.Rooms) db.Presence.Add(Interval(_ran.LessonId, "room-" + r.ClassroomId, "classroom", r.ClassroomId, r.SchoolId, ranStart, ranEnd, ranEnd, 0));
            db.CheckIns.Add(new CheckInRecord { Id = Guid.NewGuid(), LessonId = _ran.LessonId, ClassroomId = _ran.Rooms[0].ClassroomId, SchoolId = _ran.Rooms[0].SchoolId, Present = 28, Expected = 30, ReceivedAtMs = ranStart + 60_000, Author = "kiosk" });
            // The lesson running now: the teacher and the first room connected, the second dropped out, any third never came.
            db.Presence.Add(Interval(_live.LessonId, "teacher-now", "teacher", null, null, ms - 280_000, ms - 3_000, null, 0));
            db.Presence.Add(Interval(_live.LessonId, "room-now-0", "classroom", _live.Rooms[0].ClassroomId, _live.Rooms[0].SchoolId, ms - 250_000, ms - 3_000, null, 0));
            db.Presence.Add(Interval(_live.LessonId, "room-now-1", "classroom", _live.Rooms[1].ClassroomId, _live.Rooms[1].SchoolId, ms - 240_000, ms - 120_000, ms - 120_000, 0));
            await db.SaveChangesAsync();
        }

        // Recordings of both lessons, as the relay's recorder leaves them; the first one watched by two people.
        var world = await RecordingWorld.BuildAsync(Host);
        await world.RecordAsync(Host, "rec-ran", _ran.StartsAt, lessonId: _ran.LessonId);
        await world.RecordAsync(Host, "rec-live", _live.StartsAt, finish: false, lessonId: _live.LessonId);
        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            db.RecordingViews.Add(new RecordingViewRecord { RecordingId = "rec-ran", Subject = "person:901", LessonId = _ran.LessonId, PositionMs = 1_000, WatchedMs = 3_000, UpdatedAtMs = ranEnd + 60_000 });
            db.RecordingViews.Add(new RecordingViewRecord { RecordingId = "rec-ran", Subject = "person:902", LessonId = _ran.LessonId, PositionMs = 2_000, WatchedMs = 2_000, UpdatedAtMs = ranEnd + 90_000 });
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task A_district_admin_reads_the_heat_map_planned_vs_delivered_live_today_and_the_recordings()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN#reports");
        await PageBrowser.SignInAsync(page, "admin", Password);
        // Sign-in returns to the page without its hash: the district admin stands at the demo alliance, the first one.
        await page.Locator("[data-view=reports]").ClickAsync();

        // Reports: the range is the running term up to the server's today; the heat map's canvas is drawn.
        var view = page.GetByTestId("reports-view");
        await Assertions.Expect(view).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("heatmap-chart").Locator("canvas")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("""
            () => { const c = document.querySelector('[data-testid=heatmap-chart] canvas'); if (!c || c.width === 0) return false;
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 2] < 150)) return true; return false; }
            """, null, new() { Timeout = 30_000 });
        var (from, to) = (await view.GetAttributeAsync("data-from"), await view.GetAttributeAsync("data-to"));
        Assert.True(string.CompareOrdinal(from, _ran.StartsAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) <= 0, $"the range {from}–{to} holds the lesson that ran");

        // The text alternative: the chart's summary, and the table holds the API's value for the school and week.
        var admin = Host.Admin();
        var range = $"from={Uri.EscapeDataString(from + "T00:00:00+08:00")}&to={Uri.EscapeDataString(DateOnly.Parse(to!, CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00+08:00")}";
        var heat = (await (await admin.GetAsync($"/api/hub/reports/heatmap?allianceId={_allianceId}&{range}")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var cell = heat.First(c => (long)c!["schoolId"]! == _ran.Rooms[0].SchoolId)!;
        var joined = Math.Round((double)(int)cell["roomsJoined"]! / (int)cell["roomLessons"]! * 1000, MidpointRounding.AwayFromZero) / 10;
        Assert.Contains("所学校", await page.GetByTestId("heatmap-chart").GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        await page.GetByTestId("heat-table-details").Locator("summary").ClickAsync();
        var td = page.Locator($"[data-testid=heat-table] td[data-school='{_ran.Rooms[0].SchoolId}'][data-week='{(string)cell["week"]!}']");
        await Assertions.Expect(td).ToHaveTextAsync($"{joined.ToString(CultureInfo.InvariantCulture)}%");

        // The heat map's matrix as a file, of the measure chosen: the school's row holds the same value in the week's column.
        var heatCsv = System.Text.Encoding.UTF8.GetString(await DownloadAsync(page, "heat-csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var weekColumn = Array.IndexOf(heatCsv[0].Split(','), (string)cell["week"]!);
        Assert.True(weekColumn > 0, heatCsv[0]);
        Assert.StartsWith("学校 school \\ 教室到课率（%）", heatCsv[0], StringComparison.Ordinal);
        Assert.Equal(joined.ToString(CultureInfo.InvariantCulture), heatCsv.Single(l => l.StartsWith((string)cell["schoolName"]! + ",", StringComparison.Ordinal)).Split(',')[weekColumn]);
        Assert.Equal(heat.Select(c => (long)c!["schoolId"]!).Distinct().Count() + 1, heatCsv.Length);
        var audit = (await (await admin.GetAsync("/api/audit?action=heatmap.export")).ReadAsync(HttpStatusCode.OK)).ToJsonString();
        Assert.Contains($"heatmap-{_allianceId}-joined-", audit, StringComparison.Ordinal);
        // A measure the chart does not have is refused in the caller's language, naming the field.
        var refused = await admin.GetAsync($"/api/hub/reports/heatmap?allianceId={_allianceId}&{range}&format=csv&measure=seats");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("measure 只能是", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Planned vs delivered: each school's numbers are the API's.
        var pd = await (await admin.GetAsync($"/api/alliances/{_allianceId}/reports/planned-delivered?from={from}&to={to}")).ReadAsync(HttpStatusCode.OK);
        Assert.True((bool)pd["deliveriesKnown"]!);
        var school = pd["schools"]!.AsArray().Single(s => (long)s!["schoolId"]! == _ran.Rooms[0].SchoolId)!;
        Assert.True((int)school["delivered"]! >= 1);
        var row = page.GetByTestId("pd-table").Locator("tbody tr", new() { HasText = (string)school["schoolName"]! }).First;
        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Equal(((int)school["planned"]!).ToString(CultureInfo.InvariantCulture), cells[1].Trim());
        Assert.Equal(((int)school["delivered"]!).ToString(CultureInfo.InvariantCulture), cells[2].Trim());
        Assert.Equal(((int)school["notHeld"]!).ToString(CultureInfo.InvariantCulture), cells[5].Trim());
        Assert.Equal(pd["schools"]!.AsArray().Count, await page.GetByTestId("pd-table").Locator("tbody tr").CountAsync());
        await Assertions.Expect(page.GetByTestId("pd-total")).ToHaveAttributeAsync("data-total", pd["schools"]!.AsArray().Count.ToString(CultureInfo.InvariantCulture));
        // Searched by school name: only that school's row is left.
        await page.GetByTestId("pd-search").FillAsync((string)school["schoolName"]!);
        await Assertions.Expect(page.GetByTestId("pd-table").Locator("tbody tr")).ToHaveCountAsync(pd["schools"]!.AsArray().Count(s => ((string)s!["schoolName"]!).Contains((string)school["schoolName"]!, StringComparison.Ordinal)));
        await page.GetByTestId("pd-search").FillAsync("");

        // Attendance over the range, and of one lesson; exports downloaded under sign-in.
        await Assertions.Expect(page.GetByTestId("attendance-table").Locator("tbody tr").First).ToBeVisibleAsync();
        var csv = await DownloadAsync(page, "pd-csv");
        Assert.Contains("已落实 delivered", System.Text.Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
        var attendanceCsv = System.Text.Encoding.UTF8.GetString(await DownloadAsync(page, "attendance-csv"));
        Assert.Contains(_ran.LessonId, attendanceCsv, StringComparison.Ordinal);
        await page.GetByTestId("open-lesson").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("lesson-table").Locator("tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("lesson-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        await page.GetByTestId("heatmap").ScrollIntoViewIfNeededAsync();
        await PageBrowser.ScreenshotAsync(page, "admin-reports.zh-CN");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        // Live today: the running lesson first, its problems in Chinese.
        await page.Locator("[data-view=live]").ClickAsync();
        var live = page.Locator($"[data-testid=live-lesson][data-lesson='{_live.LessonId}']");
        await Assertions.Expect(live).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 30_000 });
        await Assertions.Expect(live.GetByTestId("live-status")).ToHaveTextAsync("上课中");
        await Assertions.Expect(live.GetByTestId("live-teacher")).ToHaveTextAsync("主讲在线");
        await Assertions.Expect(live.Locator("[data-testid=live-problem][data-code=room_left]")).ToContainTextAsync("已掉线");
        await Assertions.Expect(live.GetByTestId("live-rooms-online")).ToHaveTextAsync($"教室在线 1/{_live.Rooms.Count}");
        Assert.Equal(_live.LessonId, await page.GetByTestId("live-lesson").First.GetAttributeAsync("data-lesson"));
        await PageBrowser.ScreenshotAsync(page, "admin-live.zh-CN");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        // Recordings: per lesson, viewers and expiry; one is deleted after a confirmation.
        await page.Locator("[data-view=recordings]").ClickAsync();
        var ran = page.GetByTestId("recordings-table").Locator("tbody tr", new() { HasText = _ran.LessonId });
        await Assertions.Expect(ran.GetByTestId("recording-views")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        var list = (await (await admin.GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var listed = list.Single(r => (string)r!["id"]! == "rec-ran")!;
        var expires = At(listed["expiresAt"]!);
        var kept = (expires - At(listed["endedAt"]!)).TotalDays;
        Assert.True(kept >= 1 && kept == Math.Floor(kept), $"kept {kept} days after its end (the alliance's retention)");
        await Assertions.Expect(ran.GetByTestId("recording-expires")).ToHaveTextAsync(expires.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy/M/d", CultureInfo.InvariantCulture));
        var liveRecording = page.GetByTestId("recordings-table").Locator("tbody tr", new() { HasText = _live.LessonId });
        await Assertions.Expect(liveRecording.GetByTestId("recording-delete")).ToBeDisabledAsync();
        await PageBrowser.ScreenshotAsync(page, "admin-recordings.zh-CN");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
        await ran.GetByTestId("recording-delete").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("无法恢复");
        await page.GetByTestId("delete-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("recordings-message")).ToHaveTextAsync("已删除录像", new() { Timeout = 30_000 });
        await Assertions.Expect(ran).ToHaveCountAsync(0);
        Assert.DoesNotContain((await (await admin.GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray(), r => (string)r!["id"]! == "rec-ran");

        // "Watch" on the running lesson opens its recording on the replay page.
        await page.Locator("[data-view=live]").ClickAsync();
        await page.Locator($"[data-testid=live-lesson][data-lesson='{_live.LessonId}']").GetByTestId("live-observe").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/vue/replay\.html\?recording=rec-live"), new() { Timeout = 30_000 });
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_English_the_three_views_speak_English_and_are_reachable_by_keyboard()
    {
        await using var context = await browser.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=en#live");
        await PageBrowser.SignInAsync(page, "admin", Password, english: true);
        await page.Locator("[data-view=live]").ClickAsync();
        var live = page.Locator($"[data-testid=live-lesson][data-lesson='{_live.LessonId}']");
        await Assertions.Expect(live).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 30_000 });
        await Assertions.Expect(live.Locator("[data-testid=live-problem][data-code=room_left]")).ToContainTextAsync("has dropped out");
        await Assertions.Expect(live.GetByTestId("live-status")).ToHaveTextAsync("Live");
        await PageBrowser.ScreenshotAsync(page, "admin-live.en");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        // Keyboard: from the menu link, Enter opens the reports; Tab reaches the refresh of live today before.
        await page.Locator("body").FocusAsync();
        var reached = false;
        for (var i = 0; i < 40 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.closest('[data-testid=live-refresh]') != null");
        }

        Assert.True(reached, "Tab reaches Refresh now");
        await page.Locator("[data-view=reports]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("heatmap-chart").Locator("canvas")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("heat-summary")).ToContainTextAsync("schools by week");
        // The heat map's export in the minutes measure, as a workbook: the weeks are its columns.
        await AdminConsoleKit.ChooseAsync(page, "heat-metric", "Minutes connected");
        var workbook = await DownloadAsync(page, "heat-xlsx");
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(workbook), false))
        {
            var strings = doc.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList();
            Assert.Contains(strings, v => v.StartsWith("学校 school \\ 在线分钟数 minutes connected", StringComparison.Ordinal));
            Assert.Contains(strings, v => System.Text.RegularExpressions.Regex.IsMatch(v, @"^\d{4}-W\d{2}$"));
        }

        using (var english = Host.Admin())
        {
            english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
            var bad = await english.GetAsync($"/api/hub/reports/heatmap?allianceId={_allianceId}&from=yesterday&to=2026-12-01&format=csv");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("from must be an ISO 8601 date", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await Assertions.Expect(page.GetByTestId("pd-table").Locator("tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("heatmap").ScrollIntoViewIfNeededAsync();
        await PageBrowser.ScreenshotAsync(page, "admin-reports.en");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        await page.Locator("[data-view=recordings]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("recordings-table").Locator("tbody tr", new() { HasText = _ran.LessonId }).GetByTestId("recording-views")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("recordings-view")).ToContainTextAsync("days left");
        await PageBrowser.ScreenshotAsync(page, "admin-recordings.en");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    private static DateTimeOffset At(JsonNode node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);
}
