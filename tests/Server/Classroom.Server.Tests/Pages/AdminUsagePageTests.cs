using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Usage per school in the reports view of the Vue admin console (docs/admin-reports.md "Usage per
/// school") in real Chromium against the real server (scheduler + hub roles, demo alliance). The
/// demo week's first lesson has run — teacher and rooms present, a check-in, a question, a raised
/// hand, a student's replay written to the hub's store as the hub writes them — and a device of its
/// first room's school was seen. A district admin reads the section: the school's row and the totals
/// are the API's, the search narrows to one school, the CSV downloads under sign-in. zh-CN and
/// English; axe-core finds no serious violation.
/// </summary>
public sealed class AdminUsagePageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(roles: "scheduler,hub"), "admin.html")
{
    private const string Password = "classroom-2026";
    private long _allianceId;
    private long _schoolId;
    private string _schoolName = "";

    protected override async Task ArrangeAsync()
    {
        var week = await Host.Admin().CurrentWeekAsync();
        _allianceId = (long)week["allianceId"]!;
        var pairings = week["pairings"]!.AsArray().Select(p => p!).ToList();
        var first = pairings.OrderBy(p => At(p["startsAt"]!)).First();
        var lesson = (string)first["lessonId"]!;
        var rooms = pairings.Where(p => (string)p["lessonId"]! == lesson).ToList();
        (_schoolId, _schoolName) = ((long)rooms[0]["schoolId"]!, (string)rooms[0]["schoolName"]!);
        var (start, end) = (At(first["startsAt"]!), At(first["endsAt"]!));
        Host.Clock.SetUtcNow(end.AddHours(2));
        var (s, e) = (start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds());

        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            db.Presence.Add(Interval(lesson, "teacher", "teacher", null, null, s, e, e, 0));
            foreach (var r in rooms)
                db.Presence.Add(Interval(lesson, "room-" + (long)r["classroomId"]!, "classroom", (long)r["classroomId"]!, (long)r["schoolId"]!, s, e, e, 0));
            var room = (long)rooms[0]["classroomId"]!;
            db.CheckIns.Add(new CheckInRecord { Id = Guid.NewGuid(), LessonId = lesson, ClassroomId = room, SchoolId = _schoolId, Present = 28, Expected = 30, ReceivedAtMs = s + 60_000, Author = "kiosk" });
            db.Questions.Add(new QuestionRecord { Id = Guid.NewGuid(), LessonId = lesson, ClassroomId = room, SchoolId = _schoolId, Text = "为什么？", ReceivedAtMs = s + 120_000, Author = "kiosk" });
            db.Hands.Add(new HandRecord { Id = Guid.NewGuid(), LessonId = lesson, ClassroomId = room, SchoolId = _schoolId, ReceivedAtMs = s + 180_000, Author = "kiosk" });
            db.RecordingViews.Add(new RecordingViewRecord { RecordingId = "rec-1", Subject = "person:901", LessonId = lesson, ClassroomId = room, StudentName = "学生甲", WatchedMs = 9 * 60_000, UpdatedAtMs = e + 60_000 });
            await db.SaveChangesAsync();
        }

        Host.DeviceCredential((long)rooms[0]["classroomId"]!);
        await Host.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Classroom.Identity.Store.AccountDbContext>();
            foreach (var d in await db.Devices.Where(d => d.SchoolId == _schoolId).ToListAsync()) d.LastSeenUtcTicks = end.UtcTicks;
            await db.SaveChangesAsync();
            return 0;
        });
    }

    [Fact]
    public async Task A_district_admin_reads_each_schools_usage_searches_it_and_downloads_it()
    {
        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN#reports");
        await PageBrowser.SignInAsync(page, "admin", Password);
        await page.Locator("[data-view=reports]").ClickAsync();
        var view = page.GetByTestId("reports-view");
        var section = page.GetByTestId("usage");
        await Assertions.Expect(section.GetByTestId("usage-table").Locator("tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var (from, to) = (await view.GetAttributeAsync("data-from"), await view.GetAttributeAsync("data-to"));

        // The school's row and the totals are the API's, and the API's are what the test wrote.
        var report = await (await Host.Admin().GetAsync($"/api/alliances/{_allianceId}/reports/usage?from={from}&to={to}")).ReadAsync(HttpStatusCode.OK);
        var school = report["schools"]!.AsArray().Single(x => (long)x!["schoolId"]! == _schoolId)!;
        Assert.True((int)school["roomLessonsJoined"]! >= 1);
        Assert.Equal(1, (int)school["questions"]!);
        Assert.Equal(1, (int)school["handsRaised"]!);
        Assert.Equal(1, (int)school["replayViews"]!);
        Assert.Equal(9.0, (double)school["replayMinutes"]!);
        Assert.Equal(28.0, (double)school["averageHeadcount"]!);
        Assert.True((int)school["devicesSeen"]! >= 1);
        Assert.Equal(1, (int)report["totals"]!["lessonsTaught"]!);

        var row = section.GetByTestId("usage-table").Locator("tbody tr", new() { Has = page.Locator($"[data-school='{_schoolId}']") });
        var cells = (await row.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        string Of(string done, string planned) => (int)school[planned]! > 0 ? $"{(int)school[done]!} / {(int)school[planned]!}" : ((int)school[done]!).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(Of("lessonsTaught", "lessonsPlanned"), cells[1]);
        Assert.Equal(Of("roomLessonsJoined", "roomLessonsPlanned"), cells[3]);
        Assert.Equal(((double)school["minutesConnected"]!).ToString(CultureInfo.InvariantCulture), cells[4]);
        Assert.Equal("28", cells[5]);
        Assert.Equal("1", cells[6]);
        Assert.Equal("1", cells[7]);
        Assert.Equal("1", cells[8]);
        Assert.Equal("9", cells[9]);
        Assert.Equal($"{(int)school["devicesSeen"]!} / {(int)school["devicesEnrolled"]!}", cells[10]);
        var schools = report["schools"]!.AsArray().Count;
        await Assertions.Expect(section.GetByTestId("usage-total")).ToHaveAttributeAsync("data-total", schools.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(section.GetByTestId("usage-totals")).ToContainTextAsync($"合计：{schools} 所学校");
        await Assertions.Expect(section.Locator(".el-table__footer-wrapper td").Nth(1)).ToHaveTextAsync(
            $"{(int)report["totals"]!["lessonsTaught"]!} / {(int)report["totals"]!["lessonsPlanned"]!}");

        // Searched by name: only the matching schools are left.
        await section.GetByTestId("usage-search").FillAsync(_schoolName);
        await Assertions.Expect(section.GetByTestId("usage-table").Locator("tbody tr")).ToHaveCountAsync(
            report["schools"]!.AsArray().Count(x => ((string)x!["schoolName"]!).Contains(_schoolName, StringComparison.Ordinal) || ((string)x!["allianceName"]!).Contains(_schoolName, StringComparison.Ordinal)));
        await section.GetByTestId("usage-search").FillAsync("");

        // The CSV holds every school and the totals, fetched under sign-in.
        var csv = System.Text.Encoding.UTF8.GetString(await DownloadAsync(page, "usage-csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("联盟 alliance,学校 school", lines[0], StringComparison.Ordinal);
        Assert.Equal(schools + 2, lines.Length);
        Assert.Contains(lines, l => l.Contains("," + _schoolName + ",", StringComparison.Ordinal));
        await Assertions.Expect(section.GetByTestId("usage-message")).ToContainTextAsync(".csv");

        await section.ScrollIntoViewIfNeededAsync();
        await section.ScreenshotAsync(new() { Path = Path.Combine(PageBrowser.ScreenshotFolder, "admin-usage.zh-CN.png") });
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_English_the_section_speaks_English_and_a_bad_range_shows_the_servers_sentence()
    {
        await using var context = await browser.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=en#reports");
        await PageBrowser.SignInAsync(page, "admin", Password, english: true);
        await page.Locator("[data-view=reports]").ClickAsync();
        var section = page.GetByTestId("usage");
        await Assertions.Expect(section.GetByTestId("usage-table").Locator("tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(section.Locator("h3")).ToContainTextAsync("Usage per school");
        await Assertions.Expect(section.GetByTestId("usage-table").Locator("thead")).ToContainTextAsync("Replay views");
        await Assertions.Expect(section.GetByTestId("usage-totals")).ToContainTextAsync("Total:");
        await Assertions.Expect(section.Locator(".el-table__footer-wrapper td").First).ToHaveTextAsync("Total");
        await section.ScrollIntoViewIfNeededAsync();
        await section.ScreenshotAsync(new() { Path = Path.Combine(PageBrowser.ScreenshotFolder, "admin-usage.en.png") });
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        // A refused export shows the server's sentence in English (the page fetches with its language).
        var problem = await page.EvaluateAsync<string>($$"""
            async () => { const r = await fetch('/api/alliances/{{_allianceId}}/reports/usage?from=2026-01-01&to=2026-12-31&format=csv', { headers: { 'Accept-Language': 'en' } });
              return r.status + ' ' + (await r.json()).detail; }
            """);
        Assert.Equal("400 Ask for at most 184 days at a time.", problem);
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    private static DateTimeOffset At(JsonNode node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);
}
