using System.Net;
using System.Text.Json;
using Classroom.Contracts.Tokens;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.Http;

/// <summary>A WHIP/WHEP resource belongs to the token subject that created it (ARCHITECTURE.md, "Media plane").</summary>
public sealed class ResourceOwnershipTests
{
    [Fact]
    public async Task Another_room_of_the_lesson_can_neither_patch_nor_delete_a_players_session()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var owner = host.ClassroomTokenFor("room:7");
        var stranger = host.ClassroomTokenFor("room:8");
        using var created = await RelayHttp.SendAsync(http, HttpMethod.Post, "/whep/" + RelayTestHost.Lesson, RelayHttp.Offer(SessionRole.Player), token: owner);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var remote = IceCredentials.Generate();
        var restart = $"a=ice-ufrag:{remote.Ufrag}\r\na=ice-pwd:{remote.Pwd}\r\n";

        using (var patch = await RelayHttp.SendAsync(http, HttpMethod.Patch, location, restart, "application/trickle-ice-sdpfrag", stranger))
            await AssertProblemAsync(patch, HttpStatusCode.Forbidden, "Not your session");
        using (var delete = await RelayHttp.SendAsync(http, HttpMethod.Delete, location, null, token: stranger))
            await AssertProblemAsync(delete, HttpStatusCode.Forbidden, "Not your session");
        Assert.Single(host.Runtime.Sessions);

        using (var patch = await RelayHttp.SendAsync(http, HttpMethod.Patch, location, restart, "application/trickle-ice-sdpfrag", owner))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        // A second token of the same subject (a refreshed token) still owns the session.
        using (var delete = await RelayHttp.SendAsync(http, HttpMethod.Delete, location, null, token: host.ClassroomTokenFor("room:7")))
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Empty(host.Runtime.Sessions);
    }

    /// <summary>
    /// A room's wall camera is made with the classroom token's "camera" scope (no "publish"): that
    /// token, or a refreshed one of the same room after a reload, restarts its ICE and ends it; the
    /// teacher's publish token and another room's camera token may not.
    /// </summary>
    [Fact]
    public async Task A_rooms_wall_camera_is_restarted_and_ended_by_its_rooms_camera_token_only()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        string Camera(long room) => host.RoomToken(room, Guid.NewGuid().ToString("N"), JoinTokenScopes.Hub, JoinTokenScopes.Play, JoinTokenScopes.Camera);
        using var created = await RelayHttp.SendAsync(http, HttpMethod.Post, "/whip/" + RelayTestHost.Lesson + "?producer=room", RelayHttp.Offer(SessionRole.Publisher), token: Camera(7));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var remote = IceCredentials.Generate();
        var restart = $"a=ice-ufrag:{remote.Ufrag}\r\na=ice-pwd:{remote.Pwd}\r\n";

        using (var patch = await RelayHttp.SendAsync(http, HttpMethod.Patch, location, restart, "application/trickle-ice-sdpfrag", Camera(8)))
            await AssertProblemAsync(patch, HttpStatusCode.Forbidden, "Not your session");
        using (var delete = await RelayHttp.SendAsync(http, HttpMethod.Delete, location, null, token: host.TeacherToken()))
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode); // publish scope, not camera: refused before ownership
        using (var delete = await RelayHttp.SendAsync(http, HttpMethod.Delete, location, null, token: host.ClassroomTokenFor("room:7")))
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode); // the room, but a token without the camera scope
        Assert.Single(host.Runtime.Sessions);

        using (var patch = await RelayHttp.SendAsync(http, HttpMethod.Patch, location, restart, "application/trickle-ice-sdpfrag", Camera(7)))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        using (var delete = await RelayHttp.SendAsync(http, HttpMethod.Delete, location + "?leave=1", null, token: Camera(7)))
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Empty(host.Runtime.Sessions);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
    }
}
