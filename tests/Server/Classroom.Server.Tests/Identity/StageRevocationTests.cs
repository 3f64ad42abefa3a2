using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Classroom.MediaRelay;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// Revocation across roles in one all-in-one server on a real socket (scheduler, hub and relay):
/// taking a room off stage ends its WHIP session and its stage token; revoking a classroom PC
/// ends its hub connection and refuses the join token it already holds (docs/access.md
/// "Devices", docs/relay.md "Access and limits").
/// </summary>
public sealed class StageRevocationTests : IAsyncLifetime
{
    private const string Lesson = "L1-20261123";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    // 09:55 in Shanghai on the demo's Monday: the first music lesson (10:00) is about to start.
    private readonly SchedulerHost _host = new(now: new DateTimeOffset(2026, 11, 23, 1, 55, 0, TimeSpan.Zero), roles: "scheduler,hub,relay");
    private string _baseUrl = string.Empty;

    public Task InitializeAsync()
    {
        _host.Settings["MediaRelay:UdpPort"] = "0";
        _host.Settings["MediaRelay:TcpPort"] = "0";
        _host.Settings["MediaRelay:ManagementPort"] = FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        _baseUrl = _host.StartOnLoopback();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        _host.DeleteData();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Taking_a_room_off_stage_closes_its_WHIP_session_and_its_stage_token_publishes_no_more()
    {
        var classroomId = await PairedClassroomAsync();
        var teacherToken = await TeacherJoinTokenAsync();
        await using var teacherHub = Connect(teacherToken);
        await teacherHub.StartAsync();
        var grant = await teacherHub.InvokeAsync<JsonElement>("BringOnStage", new { lessonId = Lesson, classroomId });
        var stageToken = grant.GetProperty("publishToken").GetString()!;

        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        using var timeout = new CancellationTokenSource(Bound);
        await using var publisher = await RelayClient.ConnectAsync(http, WhipUri(), stageToken, SessionRole.Publisher, timeout.Token);
        var resource = publisher.Resource;
        Assert.StartsWith($"/whip/{Lesson}/", resource, StringComparison.Ordinal);
        var runtime = _host.Services.GetRequiredService<MediaRelayRuntime>();
        var session = runtime.Sessions.Single(s => resource.EndsWith("/" + s.Id, StringComparison.Ordinal));
        Assert.NotEqual(SessionState.Closed, session.State);

        await teacherHub.InvokeAsync("TakeOffStage", new { lessonId = Lesson, classroomId });

        await WaitUntilAsync(() => session.State == SessionState.Closed, "the room's WHIP session closes");
        // The same stage token opens nothing any more.
        var again = await PostOfferAsync(http, stageToken);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("revoked", await again.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // Brought on stage again, the room gets a new token: it publishes, and the old resource is gone (404), not merely forbidden.
        var regrant = await teacherHub.InvokeAsync<JsonElement>("BringOnStage", new { lessonId = Lesson, classroomId });
        var newToken = regrant.GetProperty("publishToken").GetString()!;
        Assert.NotEqual(stageToken, newToken);
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, resource))
        {
            delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", newToken);
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(delete)).StatusCode);
        }

        var fresh = await PostOfferAsync(http, newToken);
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
    }

    [Fact]
    public async Task A_revoked_classroom_PC_is_dropped_from_the_hub_and_its_join_token_no_longer_connects()
    {
        var classroomId = await PairedClassroomAsync();
        using var device = _host.WithToken(_host.DeviceCredential(classroomId));
        var deviceId = (long)(await (await device.GetAsync("/api/device")).ReadAsync(HttpStatusCode.OK))["id"]!;
        var kiosk = await (await device.GetAsync("/api/device/lesson")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(Lesson, (string?)kiosk["current"]!["lessonId"]);
        var roomToken = (string)kiosk["current"]!["token"]!;

        await using var room = Connect(roomToken);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        room.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await room.StartAsync();
        Assert.Equal(HubConnectionState.Connected, room.State);

        // Revoked at once: the hub may still be reading the lesson for this connection (OnConnectedAsync
        // runs after the handshake StartAsync waits for), the window a revocation once slipped through.
        using var admin = _host.Admin();
        await (await admin.DeleteAsync($"/api/devices/{deviceId}")).ReadAsync(HttpStatusCode.NoContent);

        // Its live connection ends (the device did not hang up: the hub did) ...
        await closed.Task.WaitAsync(Bound);
        Assert.Equal(HubConnectionState.Disconnected, room.State);
        // ... and the join token it still holds, unexpired and correctly signed, connects no more.
        await using var retry = Connect(roomToken);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => retry.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await device.GetAsync("/api/device/lesson")).StatusCode);
    }

    private HubConnection Connect(string token) => new HubConnectionBuilder()
        .WithUrl(_baseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
        .Build();

    private Uri WhipUri() => new(_baseUrl + "/whip/" + Lesson);

    /// <summary>A WHIP POST of a well-formed offer in the relay's own client shape (no ICE follows).</summary>
    private async Task<HttpResponseMessage> PostOfferAsync(HttpClient http, string token)
    {
        var fingerprint = _host.Services.GetRequiredService<MediaRelayRuntime>().Fingerprint;
        var offer = ClientOfferWriter.Write(SessionRole.Publisher, IceCredentials.Generate(), fingerprint, 4242, 4243);
        using var request = new HttpRequestMessage(HttpMethod.Post, WhipUri()) { Content = new StringContent(offer, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private async Task<long> PairedClassroomAsync()
    {
        using var admin = _host.Admin();
        var week = await admin.CurrentWeekAsync();
        return (long)week["pairings"]!.AsArray().First(p => (string?)p!["lessonId"] == Lesson)!["classroomId"]!;
    }

    private async Task<string> TeacherJoinTokenAsync()
    {
        using var teacher = _host.WithToken(_host.AccessToken("wangfang"));
        var joined = await (await teacher.PostAsync($"/api/lessons/{Lesson}/join", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("teacher", (string?)joined["role"]);
        return (string)joined["token"]!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(Bound.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline, $"within {Bound.TotalSeconds} s: {what}");
            await Task.Delay(20);
        }
    }

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
