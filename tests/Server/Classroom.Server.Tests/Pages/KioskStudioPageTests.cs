using System.Text.RegularExpressions;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The enrolled studio PC's screen (docs/kiosk.md "Studio PC"), in real Chromium against the real
/// server with the demo alliance at Monday 2026-11-23 08:00: a browser opens <c>/vue/kiosk.html</c> as
/// a studio PC does, the school's admin enrols its code for 录播室一, and the page leaves pairing for the
/// studio's day — both Monday music lessons by the bells with teacher and paired rooms, the next one
/// (第3节) large with a countdown and the hand-over "教师登录并开始上课". The hand-over does not open the
/// console on the device's credential: it lands on the sign-in page, and only the teacher's own
/// sign-in opens the console. After sign-out the screen is back; 录播室二's PC shows the calm "no
/// lesson today" screen with the next date; revoking the PC sends it back to pairing by itself.
/// axe-core, zh-CN and en.
/// </summary>
public sealed partial class KioskStudioPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "kiosk.html")
{
    private const string Password = "classroom-2026";

    [GeneratedRegex("^[A-Z0-9]{4}-[A-Z0-9]{4}$")]
    private static partial Regex PairingCode();

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task An_enrolled_studio_pc_shows_its_studios_day_and_hands_over_to_the_teachers_console(string lang)
    {
        var en = lang == "en";
        string T(string zh, string english) => en ? english : zh;
        var admin = Host.Admin();
        await admin.CurrentWeekAsync();
        var schools = (await (await admin.GetAsync("/api/alliances/1/schools")).ReadAsync(System.Net.HttpStatusCode.OK)).AsArray();
        var lead = (long)schools.First(s => (bool)s!["isLead"]!)!["id"]!;
        var studios = (await (await admin.GetAsync($"/api/schools/{lead}/studios")).ReadAsync(System.Net.HttpStatusCode.OK)).AsArray();
        var studio1 = (long)studios.Single(s => (string)s!["name"]! == "录播室一")!["id"]!;
        var studio2 = (long)studios.Single(s => (string)s!["name"]! == "录播室二")!["id"]!;

        // The studio PC shows its code; the admin enrols it for 录播室一 (the studios view does this in AdminStudioDevicesPageTests).
        await using var pcContext = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var pc = await pcContext.NewPageAsync();
        var console = Watch(pc);
        await EnrolAsync(pc, admin, studio1, lang);

        // The studio screen, not the classroom's idle screen nor the sound unlock.
        var screen = pc.GetByTestId("studio-screen");
        await Assertions.Expect(screen).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(pc.GetByTestId("unlock")).ToHaveCountAsync(0);
        await Assertions.Expect(pc.GetByTestId("studio-name")).ToContainTextAsync("录播室一", new() { Timeout = 30_000 });
        var rows = pc.GetByTestId("studio-lesson");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("第3节");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("10:00–10:40");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(T("音乐", "音乐"));
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("王芳");
        await Assertions.Expect(rows.Nth(0)).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("第5节");
        var focus = pc.GetByTestId("studio-focus");
        await Assertions.Expect(focus).ToContainTextAsync(T("下一节课", "Next lesson"));
        await Assertions.Expect(focus).ToContainTextAsync(T("3年级", "Grade 3"));
        await Assertions.Expect(focus).ToContainTextAsync(T("个教室", "rooms"));
        await Assertions.Expect(pc.GetByTestId("studio-countdown")).ToHaveAttributeAsync("data-left", new Regex(@"^(2:00:00|1:5\d:\d\d)$"));
        var lessonId = (await focus.GetAttributeAsync("data-lesson"))!;
        Assert.Matches(@"^L\d+-20261123$", lessonId);
        var handOver = pc.GetByRole(AriaRole.Link, new() { Name = T("教师登录并开始上课", "Teacher: sign in and start"), Exact = true });
        await Assertions.Expect(handOver).ToHaveAttributeAsync("href", $"/vue/studio.html?lesson={lessonId}");
        await PageBrowser.ScreenshotAsync(pc, $"kiosk-studio.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(pc, output);

        // The hand-over: the device's credential does not open the console; the teacher signs in first.
        await handOver.ClickAsync();
        await PageBrowser.WaitForAddressAsync(pc, url => Regex.IsMatch(url, @"/sign-in\.html\?returnUrl="), TimeSpan.FromSeconds(30));
        await Assertions.Expect(pc.GetByLabel(T("用户名", "User name"), new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(pc, "wangfang", Password, en);
        await PageBrowser.WaitForAddressAsync(pc, url => url.Contains($"/vue/studio.html?lesson={lessonId}", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var status = pc.Locator("#status");
        await Assertions.Expect(status).Not.ToHaveAttributeAsync("data-state", new Regex("studio\\.(joining|notAllowed)"), new() { Timeout = 30_000 });
        var me = await pc.EvaluateAsync<string>("async () => await (await fetch('/api/me')).text()");
        Assert.Contains("\"isDevice\":false", me, StringComparison.Ordinal);

        // The teacher signs out: the PC is the studio PC again (the device cookie was never replaced).
        await pc.EvaluateAsync("async () => { const s = await (await fetch('/api/auth/session')).json(); await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'X-CSRF-TOKEN': s.csrf } }); }");
        await pc.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}");
        await Assertions.Expect(pc.GetByTestId("studio-lesson")).ToHaveCountAsync(2, new() { Timeout = 30_000 });

        // 录播室二 has no lesson on Monday: the calm screen with the next day.
        await using var pc2Context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var pc2 = await pc2Context.NewPageAsync();
        await EnrolAsync(pc2, admin, studio2, lang);
        var none = pc2.GetByTestId("studio-none");
        await Assertions.Expect(none).ToContainTextAsync(T("今天本录播室没有课", "No lessons in this studio today"), new() { Timeout = 30_000 });
        await Assertions.Expect(pc2.GetByTestId("studio-next-day")).ToContainTextAsync(T("下一节课在", "Next lesson:"));
        await Assertions.Expect(pc2.GetByTestId("studio-next-day")).ToContainTextAsync(T("11月24日", "November 24"));
        await Assertions.Expect(pc2.GetByTestId("studio-hand-over")).ToHaveCountAsync(0);
        await PageBrowser.ScreenshotAsync(pc2, $"kiosk-studio-none.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(pc2, output);

        // Revoked: the PC goes back to its pairing screen by itself.
        var device = System.Text.Json.Nodes.JsonNode.Parse(await pc.EvaluateAsync<string>("async () => await (await fetch('/api/device')).text()"))!;
        Assert.Equal("studio", (string)device["kind"]!);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/devices/{(long)device["id"]!}")).StatusCode);
        await Assertions.Expect(pc.GetByTestId("pairing-code")).ToHaveTextAsync(PairingCode(), new() { Timeout = 90_000 });
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    /// <summary>Opens the pairing page, reads the code it shows and has the district admin enrol it for the studio.</summary>
    private async Task EnrolAsync(IPage pc, HttpClient admin, long studio, string lang)
    {
        await pc.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}");
        var code = pc.GetByTestId("pairing-code");
        await Assertions.Expect(code).ToHaveTextAsync(PairingCode(), new() { Timeout = 30_000 });
        var response = await admin.PostJsonAsync($"/api/studios/{studio}/devices", new { code = (await code.TextContentAsync())! });
        await response.ReadAsync(System.Net.HttpStatusCode.Created);
        await Assertions.Expect(code).ToBeHiddenAsync(new() { Timeout = 20_000 });
    }
}
