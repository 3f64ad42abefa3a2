using System.Net;
using System.Text.Json;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Classroom.Server.Tests.Pages.LessonPageKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The shipped pages with several producers per lesson, on the all-in-one server (scheduler, hub,
/// relay) and Chromium's fake camera: the studio shares a drawn courseware slide beside its camera
/// and a room's player shows both, courseware large; classroom kiosks that joined the lesson send
/// their wall cameras and the studio's wall shows each room by name, online; a room the teacher
/// brings on stage shows on the studio's stage tile and in another room's player. The studio is
/// the Vue console (/vue/studio.html, docs/studio.md), which keeps the plain page's element ids;
/// the console's own flow is StudioConsolePageTests.
/// </summary>
public sealed class StudioProducersPageTests(PageBrowser browser) : ServerPageTest(new SchedulerHost(now: BeforeLesson, roles: "scheduler,hub,relay"))
{
    protected override string Start() => StartAllInOne(Host);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_studio_shares_courseware_beside_its_camera_and_a_rooms_player_shows_courseware_large(string lang)
    {
        var english = lang == "en";
        await using var teacher = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        var studio = await OpenStudioAsync(teacher, lang, english);
        await studio.ClickAsync("#share");
        await Assertions.Expect(studio.Locator("#courseware-box")).ToHaveAttributeAsync("data-state", "canvas");
        await studio.ClickAsync("#start");
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);

        var rooms = await PairedClassroomsAsync();
        await using var room = await DeviceContextAsync(rooms[0], english);
        var player = await room.NewPageAsync();
        await player.GotoAsync($"{BaseUrl}/player.html?lang={lang}&lesson={Lesson}");
        await Assertions.Expect(player.Locator("#video")).ToHaveAttributeAsync("data-source", "courseware", Bound);
        await Assertions.Expect(player.Locator("#corner")).ToHaveAttributeAsync("data-source", "camera", Bound);
        await AssertPlayingAsync(player, "#video");
        await AssertPlayingAsync(player, "#corner");
        // The courseware is the drawn 1280×720 slide; the fake camera is another picture.
        Assert.Equal(1280, await player.EvaluateAsync<int>("() => document.getElementById('video').videoWidth"));
        await Assertions.Expect(player.Locator("#swap")).ToHaveTextAsync(english ? "Swap pictures" : "交换画面");
        await PageBrowser.ScreenshotAsync(player, $"player-courseware.{lang}");
        await PageBrowser.ScreenshotAsync(studio, $"studio-courseware.{lang}");

        // Swapped: the camera large, courseware in the corner.
        await player.ClickAsync("#swap");
        await Assertions.Expect(player.Locator("#video")).ToHaveAttributeAsync("data-source", "camera");
        await Assertions.Expect(player.Locator("#corner")).ToHaveAttributeAsync("data-source", "courseware");

        // The teacher stops sharing: the camera is large again and the corner is empty.
        await studio.ClickAsync("#share");
        await Assertions.Expect(studio.Locator("#courseware-box")).ToHaveAttributeAsync("data-state", "off");
        await Assertions.Expect(player.Locator("#video")).ToHaveAttributeAsync("data-source", "camera", Bound);
        await Assertions.Expect(player.Locator("#corner")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await AssertPlayingAsync(player, "#video");
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_studio_wall_shows_each_room_that_sends_its_camera_by_name(string lang)
    {
        var english = lang == "en";
        var rooms = await PairedClassroomsAsync();
        Assert.True(rooms.Count >= 2, "the demo's first lesson has at least two paired rooms");
        var kiosks = new List<IBrowserContext>();
        try
        {
            foreach (var id in rooms.Take(2))
            {
                var context = await DeviceContextAsync(id, english);
                kiosks.Add(context);
                var kiosk = await context.NewPageAsync();
                await kiosk.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}");
                await Assertions.Expect(kiosk.GetByTestId("camera-shown")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Assertions.Expect(kiosk.GetByTestId("camera-shown")).ToContainTextAsync(english
                    ? "Your room's camera is shown to the lead teacher" : "本教室画面已发送给主讲教师");
                if (kiosks.Count == 1) await PageBrowser.ScreenshotAsync(kiosk, $"kiosk-camera.{lang}");
            }

            await using var teacher = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
            var studio = await OpenStudioAsync(teacher, lang, english);
            var tiles = studio.GetByTestId("wall-tile");
            // One tile per paired room, named from the lesson; the two sending rooms are online.
            await Assertions.Expect(tiles).ToHaveCountAsync(rooms.Count, new() { Timeout = 30_000 });
            foreach (var id in rooms.Take(2))
            {
                var tile = studio.Locator($"[data-testid=wall-tile][data-producer='room:{id}']");
                await Assertions.Expect(tile).ToHaveAttributeAsync("data-state", "online", Bound);
                await Assertions.Expect(tile.Locator("figcaption")).ToContainTextAsync(english ? "online" : "在线");
                Assert.Contains(await RoomNameAsync(id), await tile.Locator(".name").TextContentAsync(), StringComparison.Ordinal);
                Assert.True(await tile.Locator("video").EvaluateAsync<int>("v => v.videoWidth") > 0);
            }

            foreach (var id in rooms.Skip(2))
                await Assertions.Expect(studio.Locator($"[data-testid=wall-tile][data-producer='room:{id}']")).ToHaveAttributeAsync("data-state", "offline");
            await Assertions.Expect(studio.GetByTestId("stage-tile")).ToBeHiddenAsync();
            await PageBrowser.ScreenshotAsync(studio, $"studio-wall.{lang}");
        }
        finally
        {
            foreach (var context in kiosks) await context.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_room_on_stage_shows_on_the_studios_stage_tile_and_in_another_rooms_player(string lang)
    {
        var english = lang == "en";
        var rooms = await PairedClassroomsAsync();
        await using var teacher = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        var studio = await OpenStudioAsync(teacher, lang, english);
        await studio.ClickAsync("#start");
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Bound);

        // The teacher brings room 0 on stage (the hub's BringOnStage gives it a publish token); the
        // kiosk does not publish on stage yet (a later issue), so the room's PC does it by hand here.
        using var http = Host.WithToken(Host.AccessToken("wangfang"));
        var joined = await (await http.PostAsync($"/api/lessons/{Lesson}/join", null)).ReadAsync(HttpStatusCode.OK);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(BaseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>((string)joined["token"]!))
            .Build();
        await hub.StartAsync();
        var grant = await hub.InvokeAsync<JsonElement>("BringOnStage", new { lessonId = Lesson, classroomId = rooms[0] });
        await using var onStage = await DeviceContextAsync(rooms[0], english);
        var stagePc = await onStage.NewPageAsync();
        await stagePc.GotoAsync($"{BaseUrl}/index.html");
        var status = await PublishAsync(stagePc, $"/whip/{Lesson}", grant.GetProperty("publishToken").GetString()!, audio: true, 640, 360);
        Assert.Equal(201, status);

        var tile = studio.GetByTestId("stage-tile");
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-state", "online", Bound);
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-producer", $"stage:{rooms[0]}");
        await Assertions.Expect(tile.Locator(".name")).ToContainTextAsync(await RoomNameAsync(rooms[0]));
        await PageBrowser.ScreenshotAsync(studio, $"studio-stage.{lang}");

        await using var room = await DeviceContextAsync(rooms[1], english);
        var player = await room.NewPageAsync();
        await player.GotoAsync($"{BaseUrl}/player.html?lang={lang}&lesson={Lesson}");
        await Assertions.Expect(player.Locator("#stage-box")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AssertPlayingAsync(player, "#stage");
        await AssertPlayingAsync(player, "#video");
        await Assertions.Expect(player.Locator("#video")).ToHaveAttributeAsync("data-source", "camera");
        await PageBrowser.ScreenshotAsync(player, $"player-stage.{lang}");

        // Courseware shared after going live (its section was offered without a track) reaches the player.
        await studio.ClickAsync("#share");
        await Assertions.Expect(player.Locator("#video")).ToHaveAttributeAsync("data-source", "courseware", Bound);
        await AssertPlayingAsync(player, "#video");
        await AssertPlayingAsync(player, "#corner");
    }

    private async Task<IPage> OpenStudioAsync(IBrowserContext context, string lang, bool english)
    {
        var studio = await context.NewPageAsync();
        await studio.GotoAsync($"{BaseUrl}/vue/studio.html?lang={lang}&courseware=canvas&lesson={Lesson}");
        await Assertions.Expect(studio).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        await PageBrowser.SignInAsync(studio, "wangfang", "classroom-2026", english);
        await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.ready", Bound);
        return studio;
    }

    private async Task<string> RoomNameAsync(long classroomId) => (await RoomAsync(Host, classroomId)).Name;

    private Task<IBrowserContext> DeviceContextAsync(long classroomId, bool english) => LessonPageKit.DeviceContextAsync(browser, Host, BaseUrl, classroomId, english);

    private Task<List<long>> PairedClassroomsAsync() => LessonPageKit.PairedClassroomsAsync(Host);
}
