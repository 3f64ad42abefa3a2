using Classroom.Identity.Store;
using Classroom.MediaRelay;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.LessonPageKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Observing a lesson (docs/observe.md) in real Chromium on the all-in-one server (scheduler, hub,
/// relay): the lead teacher's studio console is live with Chromium's fake camera and a paired
/// room's PC sends its wall camera (WHIP ?producer=room). A district admin opens the console's
/// Live today, follows "观摩 / Observe" on the running lesson, and sees the studio's picture move
/// and the room's tile, named and online. The page asks for no camera or microphone, and the relay
/// holds no publishing session of the observer — only its two WHEP sessions. The sign says nothing
/// is sent; axe-core finds no serious violation; the keyboard reaches the page's controls.
/// </summary>
public sealed class ObservePageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(now: DuringLesson, roles: "scheduler,hub,relay"), "observe.html")
{
    /// <summary>10:05 in Shanghai on the demo's Monday: the first music lesson (10:00–10:40) is running.</summary>
    private static readonly DateTimeOffset DuringLesson = new(2026, 11, 23, 2, 5, 0, TimeSpan.Zero);

    /// <summary>Counts camera/microphone requests of the page (it must make none).</summary>
    private const string CountMediaRequests = """
        (() => { window.__mediaAsks = 0; const md = navigator.mediaDevices; if (!md) return;
          for (const name of ['getUserMedia', 'getDisplayMedia']) { const f = md[name]?.bind(md); if (f) md[name] = (...a) => { window.__mediaAsks++; return f(...a); }; } })()
        """;

    protected override string Start() => StartAllInOne(Host);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task An_admin_observes_the_running_lesson_from_live_today_and_sends_nothing(string lang)
    {
        var english = lang == "en";
        // The studio is live.
        await using var teacher = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        var studio = await OpenStudioAsync(teacher, BaseUrl, lang);
        await studio.ClickAsync("#start");
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);

        // A paired room's PC sends its wall camera with its own join token.
        var rooms = await PairedClassroomsAsync(Host);
        var (roomName, roomToken) = await RoomAsync(Host, rooms[0]);
        Assert.NotEmpty(roomToken);
        await using var roomPc = await DeviceContextAsync(browser, Host, BaseUrl, rooms[0], english, 480, 320);
        var camera = await roomPc.NewPageAsync();
        await camera.GotoAsync($"{BaseUrl}/index.html");
        Assert.Equal(201, await PublishAsync(camera, $"/whip/{Lesson}?producer=room", roomToken, audio: false, 320, 180));

        // The admin opens Live today and follows "Observe" on the running lesson.
        await using var context = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        await context.AddInitScriptAsync(CountMediaRequests);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}#live");
        await PageBrowser.SignInAsync(page, "admin", "classroom-2026", english);
        await page.Locator("[data-view=live]").ClickAsync(new() { Timeout = 30_000 });
        var live = page.Locator($"[data-testid=live-lesson][data-lesson='{Lesson}']");
        await Assertions.Expect(live).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 30_000 });
        var link = live.GetByTestId("live-observe-link");
        await Assertions.Expect(link).ToHaveTextAsync(english ? "Observe" : "观摩");
        await Assertions.Expect(live.GetByTestId("live-observe")).ToBeVisibleAsync(); // "Watch" stays beside it
        // (Not committed: a look at the console's row with the new link, for the person running the test.)
        await live.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"observe-live-row.{lang}.png") });
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/vue/observe\.html\?lesson=" + Lesson), new() { Timeout = 30_000 });

        // The sign, the studio's moving picture, and the room's tile by name, online.
        await Assertions.Expect(page.GetByTestId("observe-sign")).ToContainTextAsync(english ? "Observing · nothing is sent" : "观摩中 · 不会发送画面或声音", new() { Timeout = 30_000 });
        await AssertMovingAsync(page, "[data-testid=lesson-video]");
        await Assertions.Expect(page.GetByTestId("media-state")).ToHaveAttributeAsync("data-state", "playing", Bound);
        var tiles = page.GetByTestId("observe-tile");
        await Assertions.Expect(tiles).ToHaveCountAsync(rooms.Count, new() { Timeout = 30_000 });
        var tile = page.Locator($"[data-testid=observe-tile][data-producer='room:{rooms[0]}']");
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-state", "online", Bound);
        await Assertions.Expect(tile.Locator(".name")).ToContainTextAsync(roomName);
        Assert.True(await tile.Locator("video").EvaluateAsync<int>("v => v.videoWidth") > 0, "the room's tile shows its camera");
        foreach (var other in rooms.Skip(1))
            await Assertions.Expect(page.Locator($"[data-testid=observe-tile][data-producer='room:{other}']")).ToHaveAttributeAsync("data-state", "offline");

        // Nothing is sent: no camera or microphone asked, no publishing session of the observer on the relay.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__mediaAsks"));
        var observer = "person:" + Host.Scoped(s => s.GetRequiredService<AccountDbContext>().Users.Where(u => u.UserName == "admin").Select(u => u.Id).First());
        var sessions = Host.Services.GetRequiredService<MediaRelayRuntime>().Sessions.Where(s => s.Subject == observer && s.State != SessionState.Closed).ToList();
        Assert.DoesNotContain(sessions, s => s.Role == SessionRole.Publisher);
        Assert.Equal(2, sessions.Count(s => s.Role == SessionRole.Player));
        output.WriteLine($"observer {observer}: {sessions.Count} relay sessions, all WHEP");
        // One observation, one audit row: both WHEP sessions share the page's one ask.
        using (var auditor = Host.Admin())
        {
            var rows = (await (await auditor.GetAsync($"/api/audit?action=lesson.observe&subject={observer}")).ReadAsync(System.Net.HttpStatusCode.OK)).AsArray();
            Assert.Single(rows, r => (string?)r!["outcome"] == "Succeeded");
        }

        // Accessible and reachable by keyboard: Tab reaches the way back to Live today.
        await AssertNoSeriousAxeViolationsAsync(page, output);
        var back = english ? "Back to Live today" : "返回今日直播";
        var reached = false;
        for (var i = 0; i < 15 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''") == back;
        }

        Assert.True(reached, $"Tab reaches \"{back}\"");
        await PageBrowser.ScreenshotAsync(page, $"observe.{lang}");
    }
}
