using System.Net;
using System.Net.Http.Json;
using Classroom.Contracts.Access;
using Classroom.Contracts.Tokens;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Tests.Client;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.MediaRelay.Tests.Rooms;

/// <summary>
/// Several producers in one lesson, through the real relay with non-browser peers: the studio's
/// camera and courseware reach every room; a room on stage is its own producer beside the studio
/// (it never replaces it) and taking it off stage closes it; member rooms' cameras reach the
/// teacher's wall and no room.
/// </summary>
public sealed class ProducerConsumerTests
{
    private const int Packets = 60;

    [Fact]
    public async Task Studio_camera_and_courseware_reach_three_rooms_on_their_own_sections()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var studio = await Publish(http, host, "", host.TeacherToken(), videoSections: 2);
        var rooms = new List<RelayClient>();
        for (var i = 0; i < 3; i++)
            rooms.Add(await Play(http, host, "", host.ClassroomTokenFor("room:" + (10 + i)), audio: 1, video: 2));
        await WaitConnected(host, 4);

        await SendAsync(studio, Packets, courseware: true);
        await NonBrowserClientTests.WaitUntilAsync(() => rooms.All(r => r.PacketsOn("studio camera") >= Packets && r.PacketsOn("studio courseware") >= Packets));
        foreach (var room in rooms)
        {
            Assert.Equal(Packets, room.PacketsOn("studio camera"));
            Assert.Equal(Packets, room.PacketsOn("studio courseware"));
            Assert.Equal(Packets, room.PacketsOn("studio audio"));
            Assert.NotEqual(room.Sections.Single(s => s.Msid == "studio camera").Ssrc, room.Sections.Single(s => s.Msid == "studio courseware").Ssrc);
        }

        foreach (var room in rooms) await room.DisposeAsync();
    }

    [Fact]
    public async Task A_room_on_stage_is_its_own_producer_beside_the_studio_and_closes_when_taken_off()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var studio = await Publish(http, host, "", host.TeacherToken());
        await using var teacherView = await Play(http, host, "?producers=stage", host.TeacherToken(), audio: 1, video: 1);
        await using var otherRoom = await Play(http, host, "?producers=studio,stage", host.ClassroomTokenFor("room:20"), audio: 2, video: 3);
        var stageTokenId = Guid.NewGuid().ToString("N");
        await using var onStage = await Publish(http, host, "", host.RoomToken(21, stageTokenId, JoinTokenScopes.Publish, JoinTokenScopes.Play));
        await WaitConnected(host, 4);

        var router = host.Runtime.Rooms.TryGet(RelayTestHost.Lesson, out var r) ? r! : throw new InvalidOperationException("no router");
        Assert.NotNull(router.ProducerOf("studio"));
        Assert.NotNull(router.ProducerOf("stage:21"));
        Assert.All(host.Runtime.Sessions, s => Assert.Equal(SessionState.Connected, s.State)); // the studio was not replaced

        await SendAsync(studio, Packets, courseware: false);
        await SendAsync(onStage, Packets, courseware: false);
        await NonBrowserClientTests.WaitUntilAsync(() => otherRoom.PacketsOn("studio camera") >= Packets && otherRoom.PacketsOn("stage video") >= Packets
            && otherRoom.PacketsOn("stage audio") >= Packets && teacherView.PacketsOn("stage video") >= Packets && teacherView.PacketsOn("stage audio") >= Packets);
        Assert.Equal(Packets, otherRoom.PacketsOn("studio camera"));
        Assert.Equal(Packets, otherRoom.PacketsOn("stage video"));
        Assert.Equal(0, otherRoom.PacketsOn("unused video"));

        // The section says which room fills it (the pages label the stage from this).
        using (var request = new HttpRequestMessage(HttpMethod.Get, otherRoom.Resource))
        {
            request.Headers.Authorization = new("Bearer", host.ClassroomTokenFor("room:20"));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var sections = await response.Content.ReadFromJsonAsync<SectionsDto>();
            Assert.Contains(sections!.Sections, s => s.Wants == "stage" && s.Producer == "stage:21" && s.Kind == "video");
        }

        // Off stage: the hub revokes the stage token; the room's session closes and the token is refused.
        host.Services.GetRequiredService<Revocations>().Publish(new Revocation(null, stageTokenId, RelayTestHost.Lesson, TimeProvider.System.GetUtcNow().AddHours(1), "taken off stage"));
        await NonBrowserClientTests.WaitUntilAsync(() => router.ProducerOf("stage:21") is null);
        Assert.NotNull(router.ProducerOf("studio"));
        Assert.Equal(3, host.Runtime.Sessions.Count(s => s.State == SessionState.Connected));
        var again = await PostOffer(http, "/whip/" + RelayTestHost.Lesson, host.RoomToken(21, stageTokenId, JoinTokenScopes.Publish, JoinTokenScopes.Play));
        Assert.Equal(HttpStatusCode.Forbidden, again);

        // The studio keeps going to everyone.
        var before = otherRoom.PacketsOn("studio camera");
        await SendAsync(studio, Packets, courseware: false, firstSequence: Packets);
        await NonBrowserClientTests.WaitUntilAsync(() => otherRoom.PacketsOn("studio camera") >= before + Packets);
    }

    [Fact]
    public async Task A_stage_token_cannot_publish_as_the_studio_and_a_room_cannot_receive_room_cameras()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var stage = host.RoomToken(21, Guid.NewGuid().ToString("N"), JoinTokenScopes.Publish, JoinTokenScopes.Play);
        Assert.Equal(HttpStatusCode.Forbidden, await PostOffer(http, "/whip/" + RelayTestHost.Lesson + "?producer=studio", stage));
        Assert.Equal(HttpStatusCode.Forbidden, await PostOffer(http, "/whip/" + RelayTestHost.Lesson, host.ClassroomTokenFor("room:22"))); // no publish scope
        Assert.Equal(HttpStatusCode.Forbidden, await PostOffer(http, "/whip/" + RelayTestHost.Lesson + "?producer=room", host.ClassroomTokenFor("room:22"))); // no camera scope
        Assert.Equal(HttpStatusCode.Forbidden, await PostOffer(http, "/whip/" + RelayTestHost.Lesson + "?producer=room", host.TeacherToken()));
        Assert.Equal(HttpStatusCode.Forbidden, await PostOffer(http, "/whep/" + RelayTestHost.Lesson + "?producers=rooms", host.ClassroomTokenFor("room:22"), player: true));
        Assert.Equal(HttpStatusCode.Forbidden, await PostOffer(http, "/whep/" + RelayTestHost.Lesson + "?producers=studio,room:23", host.ClassroomTokenFor("room:22"), player: true));
        Assert.Equal(HttpStatusCode.BadRequest, await PostOffer(http, "/whep/" + RelayTestHost.Lesson + "?producers=rooms,studio", host.TeacherToken(), player: true));
        Assert.Equal(HttpStatusCode.BadRequest, await PostOffer(http, "/whep/" + RelayTestHost.Lesson + "?producers=teacher", host.TeacherToken(), player: true));
        Assert.Equal(0, host.Runtime.SessionCount);
    }

    [Fact]
    public async Task Ten_room_cameras_reach_the_teachers_wall_and_no_room()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var studio = await Publish(http, host, "", host.TeacherToken());
        await using var wall = await Play(http, host, "?producers=rooms", host.TeacherToken(), audio: 0, video: 10);
        var cameras = new List<RelayClient>();
        var watchers = new List<RelayClient>();
        for (var i = 0; i < 10; i++)
        {
            var id = 100 + i;
            cameras.Add(await Publish(http, host, "?producer=room", host.RoomToken(id, Guid.NewGuid().ToString("N"), JoinTokenScopes.Hub, JoinTokenScopes.Play, JoinTokenScopes.Camera), audio: 0));
            watchers.Add(await Play(http, host, "", host.RoomToken(id, Guid.NewGuid().ToString("N"), JoinTokenScopes.Hub, JoinTokenScopes.Play), audio: 2, video: 3));
        }

        await WaitConnected(host, 22);
        var router = host.Runtime.Rooms.TryGet(RelayTestHost.Lesson, out var r) ? r! : throw new InvalidOperationException("no router");
        Assert.Equal(11, router.Producers.Length);
        foreach (var camera in cameras) await SendAsync(camera, Packets, courseware: false, audio: false);
        await NonBrowserClientTests.WaitUntilAsync(() => wall.Sections.All(s => s.Packets >= Packets));
        Assert.All(wall.Sections, s => Assert.Equal(Packets, s.Packets));

        // Each wall section shows a different room.
        var shown = router.Players.Single(p => p.ConsumerPlans.Count == 10).Consumers.Select(c => c.Producer?.Id).ToArray();
        Assert.Equal(10, shown.Distinct().Count(id => id is not null && id.StartsWith("room:", StringComparison.Ordinal)));

        // No room receives another room's camera: the watchers got nothing (the studio has not sent yet).
        Assert.All(watchers, w => Assert.Equal(0, w.VideoPackets + w.AudioPackets));
        await SendAsync(studio, 10, courseware: false);
        await NonBrowserClientTests.WaitUntilAsync(() => watchers.All(w => w.PacketsOn("studio camera") >= 10));
        Assert.All(watchers, w => Assert.Equal(10, w.VideoPackets));

        foreach (var c in cameras.Concat(watchers)) await c.DisposeAsync();
    }

    private static Task<RelayClient> Publish(HttpClient http, RelayTestHost host, string query, string token, int videoSections = 1, int audio = 1) =>
        RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson + query), token, SessionRole.Publisher,
            ClientJoinOptions.Default with { AudioSections = audio, VideoSections = videoSections }, CancellationToken.None);

    private static Task<RelayClient> Play(HttpClient http, RelayTestHost host, string query, string token, int audio, int video) =>
        RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson + query), token, SessionRole.Player,
            ClientJoinOptions.Default with { AudioSections = audio, VideoSections = video }, CancellationToken.None);

    private static Task WaitConnected(RelayTestHost host, int sessions) =>
        NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == sessions);

    private static async Task<HttpStatusCode> PostOffer(HttpClient http, string path, string token, bool player = false)
    {
        var offer = ClientOfferWriter.Write(player ? SessionRole.Player : SessionRole.Publisher, Ice.IceCredentials.Generate(),
            "sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32)), 1111, 2222);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(offer) };
        request.Content.Headers.ContentType = new("application/sdp");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Audio, the first video section and optionally the second (courseware), key frames every 30.</summary>
    private static async Task SendAsync(RelayClient publisher, int count, bool courseware, bool audio = true, int firstSequence = 0)
    {
        var payload = new byte[600];
        for (var i = 0; i < count; i++)
        {
            var sequence = (ushort)(firstSequence + i);
            if (audio) publisher.SendRtp(ClientOfferWriter.OpusPayloadType, sequence, (uint)(i * 960), publisher.AudioSsrc, false, payload.AsSpan(0, 80));
            payload[0] = 0x10;
            payload[1] = i % 30 == 0 ? (byte)0x00 : (byte)0x01;
            publisher.SendRtp(ClientOfferWriter.Vp8PayloadType, sequence, (uint)(i * 3000), publisher.VideoSsrc, true, payload);
            if (courseware) publisher.SendRtp(ClientOfferWriter.Vp8PayloadType, sequence, (uint)(i * 3000), publisher.SecondVideoSsrc, true, payload);
            if (i % 10 == 9) await Task.Delay(5);
        }
    }

    private sealed record SectionsDto(string Resource, List<SectionDto> Sections);

    private sealed record SectionDto(string Mid, string Kind, string Wants, string? Producer);
}
