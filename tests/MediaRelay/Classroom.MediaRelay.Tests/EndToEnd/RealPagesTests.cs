using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.MediaRelay.Tests.EndToEnd;

/// <summary>
/// The shipped pages (the Vue studio console /vue/studio.html, player.ts; built into the server's wwwroot) drive a
/// lesson: the studio goes live and the full-screen player shows moving video. Needs the web build
/// (scripts/test.sh runs it first); without it the test fails under CI=true and is a no-op otherwise.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RealPagesTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Studio_page_goes_live_and_player_page_shows_moving_video()
    {
        var webRoot = RelayTestHost.BuiltWebRoot();
        if (webRoot is null)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "the web build (cd web && npm run build) is missing");
            output.WriteLine("web build missing: nothing to test outside CI");
            return;
        }

        await using var host = await RelayTestHost.StartAsync(webRoot: webRoot);
        var studio = await chromium.Context.NewPageAsync();
        var player = await chromium.Context.NewPageAsync();
        try
        {
            // The relay host runs no scheduler or identity: the test answers the pages' two session
            // calls itself, handing each page the join token the scheduler would give its caller.
            await SchedulerStandIn.GiveJoinTokenAsync(studio, host.TeacherToken());
            await SchedulerStandIn.GiveJoinTokenAsync(player, host.ClassroomToken());
            await studio.GotoAsync($"{host.BaseUrl}/vue/studio.html?lang=en&lesson={RelayTestHost.Lesson}");
            await studio.ClickAsync("#start");
            await studio.WaitForSelectorAsync("#status[data-state='studio.live']", new() { Timeout = 20_000 });

            await player.GotoAsync($"{host.BaseUrl}/player.html?lesson={RelayTestHost.Lesson}");
            await player.WaitForSelectorAsync("#overlay[data-state='player.playing']", new() { State = WaitForSelectorState.Attached, Timeout = 20_000 });
            await player.WaitForFunctionAsync("() => document.getElementById('video').videoWidth > 0", null, new() { Timeout = 20_000 });
            var first = await player.EvaluateAsync<double>("() => document.getElementById('video').currentTime");
            await Task.Delay(1000);
            var second = await player.EvaluateAsync<double>("() => document.getElementById('video').currentTime");
            output.WriteLine($"player currentTime {first} → {second}");
            Assert.True(second > first, "the player's video does not advance");
        }
        finally
        {
            await player.CloseAsync();
            await studio.CloseAsync();
        }
    }
}
