using Classroom.Contracts.Access;
using Classroom.Contracts.Tokens;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Tests.Client;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.MediaRelay.Tests.EndToEnd;

/// <summary>
/// Several producers in one lesson with real Chromium peers (TestPages/multi.html): the studio's
/// camera and courseware reach three rooms; a room on stage is seen and heard by the other rooms
/// and the teacher while the studio keeps broadcasting, and closes when taken off stage; ten
/// rooms' cameras reach the teacher's wall and no room.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ProducersBrowserTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private static string Whip(RelayTestHost host, string query = "") => host.BaseUrl + "/whip/" + RelayTestHost.Lesson + query;

    private static string Whep(RelayTestHost host, string query = "") => host.BaseUrl + "/whep/" + RelayTestHost.Lesson + query;

    [Fact]
    public async Task Studio_camera_and_courseware_reach_three_rooms()
    {
        await using var host = await RelayTestHost.StartAsync();
        var page = await OpenAsync(host);
        try
        {
            await page.EvaluateAsync<int>("([u, t]) => window.publish(u, t, { audio: true, courseware: true })", new object[] { Whip(host), host.TeacherToken() });
            var rooms = new List<int>();
            for (var i = 0; i < 3; i++)
                rooms.Add(await page.EvaluateAsync<int>("([u, t]) => window.play(u, t, 1, 2)", new object[] { Whep(host), host.ClassroomTokenFor("room:" + (30 + i)) }));

            foreach (var room in rooms)
            {
                var sections = await WaitForFramesAsync(page, room, "studio camera", "studio courseware");
                output.WriteLine(string.Join("; ", sections));
                Assert.Contains(sections, s => s.Msid == "studio audio" && s.PacketsReceived > 0);
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task A_room_on_stage_is_seen_and_heard_beside_the_studio_and_closes_off_stage()
    {
        await using var host = await RelayTestHost.StartAsync();
        var page = await OpenAsync(host);
        try
        {
            var studio = await page.EvaluateAsync<int>("([u, t]) => window.publish(u, t, { audio: true, courseware: false })", new object[] { Whip(host), host.TeacherToken() });
            var stageTokenId = Guid.NewGuid().ToString("N");
            var stageToken = host.RoomToken(41, stageTokenId, JoinTokenScopes.Publish, JoinTokenScopes.Play);
            var onStage = await page.EvaluateAsync<int>("([u, t]) => window.publish(u, t, { audio: true, courseware: false })", new object[] { Whip(host), stageToken });
            var teacher = await page.EvaluateAsync<int>("([u, t]) => window.play(u, t, 1, 1)", new object[] { Whep(host, "?producers=stage"), host.TeacherToken() });
            var rooms = new List<int>();
            for (var i = 0; i < 2; i++)
                rooms.Add(await page.EvaluateAsync<int>("([u, t]) => window.play(u, t, 2, 3)", new object[] { Whep(host), host.ClassroomTokenFor("room:" + (42 + i)) }));

            foreach (var room in rooms)
            {
                var sections = await WaitForFramesAsync(page, room, "studio camera", "stage video");
                Assert.Contains(sections, s => s.Msid == "stage audio" && s.PacketsReceived > 0);
                Assert.Contains(sections, s => s.Msid == "studio audio" && s.PacketsReceived > 0);
            }

            var heard = await WaitForFramesAsync(page, teacher, "stage video");
            Assert.Contains(heard, s => s.Msid == "stage audio" && s.PacketsReceived > 0);
            Assert.Equal("connected", await page.EvaluateAsync<string>("i => window.state(i)", studio));

            // Off stage: the stage token is revoked (the hub does this on TakeOffStage).
            host.Services.GetRequiredService<Revocations>().Publish(new Revocation(null, stageTokenId, RelayTestHost.Lesson, TimeProvider.System.GetUtcNow().AddHours(1), "taken off stage"));
            var router = host.Runtime.Rooms.TryGet(RelayTestHost.Lesson, out var r) ? r! : throw new InvalidOperationException("no router");
            await NonBrowserClientTests.WaitUntilAsync(() => router.ProducerOf("stage:41") is null);
            Assert.DoesNotContain(host.Runtime.Sessions, s => s.ProducerId == "stage:41");
            var refused = await page.EvaluateAsync<string>("([u, t]) => window.publish(u, t, { audio: true, courseware: false }).then(() => 'accepted', e => String(e))",
                new object[] { Whip(host), stageToken });
            Assert.Contains("403", refused, StringComparison.Ordinal);

            // The studio goes on: a room's camera section keeps decoding new frames.
            var before = (await SectionsAsync(page, rooms[0])).Single(s => s.Msid == "studio camera").FramesDecoded;
            await NonBrowserClientTests.WaitUntilAsync(() => SectionsAsync(page, rooms[0]).GetAwaiter().GetResult().Single(s => s.Msid == "studio camera").FramesDecoded > before + 10);
            Assert.Equal("connected", await page.EvaluateAsync<string>("i => window.state(i)", studio));
            _ = onStage;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Ten_room_cameras_reach_the_teachers_wall_and_no_room()
    {
        await using var host = await RelayTestHost.StartAsync();
        var page = await OpenAsync(host);
        try
        {
            var wall = await page.EvaluateAsync<int>("([u, t]) => window.play(u, t, 0, 10)", new object[] { Whep(host, "?producers=rooms"), host.TeacherToken() });
            var watcher = await page.EvaluateAsync<int>("([u, t]) => window.play(u, t, 2, 3)", new object[] { Whep(host), host.ClassroomTokenFor("room:50") });
            for (var i = 0; i < 10; i++)
            {
                var token = host.RoomToken(51 + i, Guid.NewGuid().ToString("N"), JoinTokenScopes.Hub, JoinTokenScopes.Play, JoinTokenScopes.Camera);
                await page.EvaluateAsync<int>("([u, t]) => window.publish(u, t, { audio: false, courseware: false })", new object[] { Whip(host, "?producer=room"), token });
            }

            var wanted = Enumerable.Range(1, 10).Select(i => "rooms-" + i + " video").ToArray();
            var sections = await WaitForFramesAsync(page, wall, wanted);
            output.WriteLine(string.Join("; ", sections));
            var router = host.Runtime.Rooms.TryGet(RelayTestHost.Lesson, out var r) ? r! : throw new InvalidOperationException("no router");
            var shown = router.Players.Single(p => p.ConsumerPlans.Count == 10).Consumers.Select(c => c.Producer?.Id).Distinct().ToArray();
            Assert.Equal(10, shown.Count(id => id?.StartsWith("room:", StringComparison.Ordinal) == true));

            // The room watching the lesson receives none of it (no studio is publishing yet).
            var watched = await SectionsAsync(page, watcher);
            Assert.All(watched, s => Assert.Equal(0, s.FramesDecoded + s.PacketsReceived));
            Assert.All(router.Players.Single(p => p.ConsumerPlans.Count != 10).Consumers, c => Assert.False(c.Producer?.Id.StartsWith("room:", StringComparison.Ordinal) == true));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<IPage> OpenAsync(RelayTestHost host)
    {
        var page = await chromium.Context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/multi.html");
        return page;
    }

    private static async Task<Section[]> SectionsAsync(IPage page, int peer) => await page.EvaluateAsync<Section[]>("i => window.sections(i)", peer);

    /// <summary>Waits (bounded, 40 s: a busy machine with a dozen peers) until each named section has decoded frames.</summary>
    private static async Task<Section[]> WaitForFramesAsync(IPage page, int peer, params string[] msids)
    {
        Section[] sections = [];
        for (var i = 0; i < 200; i++)
        {
            sections = await SectionsAsync(page, peer);
            if (msids.All(m => sections.Any(s => s.Msid == m && s.FramesDecoded > 0))) return sections;
            await Task.Delay(200);
        }

        Assert.Fail($"no frames on {string.Join(", ", msids.Where(m => !sections.Any(s => s.Msid == m && s.FramesDecoded > 0)))}: {string.Join("; ", sections)}");
        return sections;
    }

    public sealed class Section
    {
        public string Mid { get; set; } = "";
        public string Msid { get; set; } = "";
        public string Kind { get; set; } = "";
        public int FramesDecoded { get; set; }
        public int PacketsReceived { get; set; }

        public override string ToString() => $"{Mid} '{Msid}' {Kind}: {FramesDecoded} frames, {PacketsReceived} packets";
    }
}
