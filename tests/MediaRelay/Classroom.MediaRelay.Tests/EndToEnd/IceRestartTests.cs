using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Classroom.MediaRelay.Tests.EndToEnd;

/// <summary>
/// A Chromium studio restarts ICE through WHIP PATCH: the relay swaps the credentials, the
/// browser's checks move to the new ufrag, and a player keeps decoding the same session's media.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class IceRestartTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Studio_restarts_ice_and_media_keeps_flowing()
    {
        await using var host = await RelayTestHost.StartAsync();
        var studio = await chromium.Context.NewPageAsync();
        var player = await chromium.Context.NewPageAsync();
        try
        {
            await studio.GotoAsync(host.BaseUrl + "/publish.html");
            await studio.EvaluateAsync<string>("([u, t]) => window.publish(u, t, null)", new object[] { host.BaseUrl + "/whip/" + RelayTestHost.Lesson, host.TeacherToken() });
            await player.GotoAsync(host.BaseUrl + "/play.html");
            await player.EvaluateAsync<string>("([u, t]) => window.play(u, t)", new object[] { host.BaseUrl + "/whep/" + RelayTestHost.Lesson, host.ClassroomToken() });
            await WaitAsync(async () => (await player.EvaluateAsync<PlayerStats>("() => window.stats()")).FramesDecoded > 5);

            var publisher = host.Runtime.Sessions.Single(s => s.Role == Classroom.MediaRelay.Negotiation.SessionRole.Publisher);
            var stunBefore = host.Runtime.Counters.StunHandled;
            var newUfrag = await studio.EvaluateAsync<string>("() => window.restartIce()");
            Assert.Equal(newUfrag, publisher.LocalIce.Ufrag);
            Assert.Equal(1, publisher.IceGeneration);

            // Chromium runs checks with the new credentials (only those authenticate now).
            await WaitAsync(() => Task.FromResult(host.Runtime.Counters.StunHandled > stunBefore + 2));
            var framesBefore = (await player.EvaluateAsync<PlayerStats>("() => window.stats()")).FramesDecoded;
            await WaitAsync(async () => (await player.EvaluateAsync<PlayerStats>("() => window.stats()")).FramesDecoded > framesBefore + 10);
            output.WriteLine($"ice restarted to {newUfrag}; checks answered {host.Runtime.Counters.StunHandled - stunBefore}");
            Assert.Equal(SessionState.Connected, publisher.State);
            Assert.Equal("connected", await studio.EvaluateAsync<string>("() => window.state()"));
        }
        finally
        {
            await player.CloseAsync();
            await studio.CloseAsync();
        }
    }

    // 30 s: after a restart Chromium's checks come at its consent pace (about every 5 s), and beside
    // a busy core three of them took longer than the 15 s this allowed before.
    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 120; i++)
        {
            if (await condition()) return;
            await Task.Delay(250);
        }

        Assert.True(await condition(), "condition not met within 30 s");
    }
}
