using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Classroom.Contracts.Access;
using Classroom.Contracts.Tokens;
using Classroom.MediaRelay;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// Observing a lesson (观摩, docs/observe.md) on the all-in-one server on a real socket (scheduler,
/// hub, relay): <c>POST /api/lessons/{id}/observe</c> gives a district admin, the alliance's admin
/// and a researcher a play-only token that subscribes to the studio and the room wall by WHEP and
/// is audited <c>lesson.observe</c>; it publishes nothing (WHIP, wall camera: 403), ends no one
/// else's session, and opens no hub ticket (so the observer is in no presence list). Admins of
/// another alliance or of a member school, the lesson's own teacher, a student and a classroom PC
/// are refused, as the neighbouring endpoints refuse them.
/// </summary>
public sealed class LessonObserveTests : IAsyncLifetime
{
    private const string Lesson = "L1-20261123";

    // 10:05 in Shanghai on the demo's Monday: the first music lesson (10:00) is running.
    private readonly SchedulerHost _host = new(now: new DateTimeOffset(2026, 11, 23, 2, 5, 0, TimeSpan.Zero), roles: "scheduler,hub,relay");
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
    public async Task District_and_alliance_admins_and_a_researcher_get_a_play_only_token_that_subscribes_and_is_audited()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var observers = new[]
        {
            ("district admin", _host.AccessToken("admin")),
            ("alliance admin", _host.AccessToken("a1-admin", new Grant(AccountRole.AllianceAdmin, 1))),
            ("researcher", _host.AccessToken("jiaoyan")),
        };
        foreach (var (who, pat) in observers)
        {
            using var person = _host.WithToken(pat);
            var observed = await (await person.PostAsync($"/api/lessons/{Lesson}/observe", null)).ReadAsync(HttpStatusCode.OK);
            Assert.Equal(Lesson, (string?)observed["lesson"]!["lessonId"]);
            Assert.NotEmpty(observed["lesson"]!["rooms"]!.AsArray());
            Assert.False(string.IsNullOrEmpty((string?)observed["lesson"]!["rooms"]![0]!["classroomName"]), who);
            var token = (string)observed["token"]!;
            var claims = Claims(token);
            Assert.Equal(ClassroomRole.Admin, claims.Role);
            Assert.Equal([JoinTokenScopes.Play], claims.Scopes);
            Assert.StartsWith("person:", claims.Subject, StringComparison.Ordinal);

            // The studio and the room wall subscribe (WHEP, the relay's own client: ICE, DTLS, SRTP).
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await using (var studio = await RelayClient.ConnectAsync(http, new Uri($"{_baseUrl}/whep/{Lesson}"), token, SessionRole.Player, timeout.Token))
                Assert.StartsWith($"/whep/{Lesson}/", studio.Resource, StringComparison.Ordinal);
            var wall = await PostOfferAsync(http, $"/whep/{Lesson}?producers=stage,rooms", SessionRole.Player, token);
            Assert.True(wall.StatusCode == HttpStatusCode.Created, $"{who}: WHEP of the wall {(int)wall.StatusCode} {await wall.Content.ReadAsStringAsync()}");
        }

        // Each observation is one audit row "lesson.observe" under the observer.
        using var auditor = _host.Admin();
        var rows = (await (await auditor.GetAsync($"/api/audit?action=lesson.observe&target={Lesson}")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(3, rows.Count(r => (string?)r!["outcome"] == "Succeeded"));
    }

    [Fact]
    public async Task The_observer_token_publishes_nothing_ends_no_other_session_and_opens_no_hub()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        using var person = _host.WithToken(_host.AccessToken("jiaoyan"));
        var token = (string)(await (await person.PostAsync($"/api/lessons/{Lesson}/observe", null)).ReadAsync(HttpStatusCode.OK))["token"]!;

        // WHIP as the studio, on stage, or as a room's wall camera: 403.
        foreach (var url in new[] { $"/whip/{Lesson}", $"/whip/{Lesson}?producer=stage", $"/whip/{Lesson}?producer=room", $"/whip/{Lesson}?producer=studio" })
        {
            var whip = await PostOfferAsync(http, url, SessionRole.Publisher, token);
            Assert.True(whip.StatusCode == HttpStatusCode.Forbidden, $"WHIP {url}: {(int)whip.StatusCode} {await whip.Content.ReadAsStringAsync()}");
        }

        var runtime = _host.Services.GetRequiredService<MediaRelayRuntime>();
        Assert.DoesNotContain(runtime.Sessions, s => s.Role == SessionRole.Publisher);

        // The teacher's wall session (WHEP) cannot be restarted or ended with the observer's token.
        using var teacher = _host.WithToken(_host.AccessToken("wangfang"));
        var teacherToken = (string)(await (await teacher.PostAsync($"/api/lessons/{Lesson}/join", null)).ReadAsync(HttpStatusCode.OK))["token"]!;
        var teachers = await PostOfferAsync(http, $"/whep/{Lesson}?producers=stage,rooms", SessionRole.Player, teacherToken);
        Assert.Equal(HttpStatusCode.Created, teachers.StatusCode);
        var resource = teachers.Headers.Location!.ToString();
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, resource))
        {
            delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(delete)).StatusCode);
        }

        using (var patch = new HttpRequestMessage(HttpMethod.Patch, resource) { Content = new StringContent("a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n", Encoding.UTF8) })
        {
            patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/trickle-ice-sdpfrag");
            patch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(patch)).StatusCode);
        }

        Assert.Contains(runtime.Sessions, s => resource.EndsWith("/" + s.Id, StringComparison.Ordinal) && s.State != SessionState.Closed);

        // No hub: the lesson's hub refuses the connection ("token lacks the hub scope"), so no presence is ever written.
        await using var hub = new HubConnectionBuilder()
            .WithUrl(_baseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        try
        {
            await hub.StartAsync();
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is HttpRequestException or HubException or InvalidOperationException)
        {
            // Refused while connecting: as good as closed.
        }

        Assert.NotEqual(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task Admins_of_another_alliance_or_school_the_lessons_teacher_a_student_and_a_device_are_refused()
    {
        using var admin = _host.Admin();
        var a2 = (await (await admin.PostJsonAsync("/api/alliances", new { name = "第二联盟" })).ReadAsync(HttpStatusCode.Created)).Id();
        var s2 = (await (await admin.PostJsonAsync($"/api/alliances/{a2}/schools", new { name = "二联盟中心校", code = "B1", isLead = true, linkMbps = 100 })).ReadAsync(HttpStatusCode.Created)).Id();
        var t2 = (await (await admin.PostJsonAsync($"/api/schools/{s2}/teachers", new { name = "赵老师" })).ReadAsync(HttpStatusCode.Created)).Id();
        var roomId = (long)(await admin.CurrentWeekAsync())["pairings"]!.AsArray().First(p => (string?)p!["lessonId"] == Lesson)!["classroomId"]!;

        var refused = new (string Who, string Credential, HttpStatusCode[] Status)[]
        {
            ("teacher of another alliance", _host.AccessToken("t2", new Grant(AccountRole.Teacher, a2, s2, null, t2)), [HttpStatusCode.Forbidden]),
            ("admin of another alliance", _host.AccessToken("a2-admin", new Grant(AccountRole.AllianceAdmin, a2)), [HttpStatusCode.Forbidden]),
            ("researcher of another alliance", _host.AccessToken("a2-researcher", new Grant(AccountRole.Researcher, a2)), [HttpStatusCode.Forbidden]),
            ("admin of a member school", _host.AccessToken("school"), [HttpStatusCode.Forbidden]),
            ("the lesson's own teacher", _host.AccessToken("wangfang"), [HttpStatusCode.Forbidden]),
            ("student of a paired class", _host.AccessToken("xiaoming"), [HttpStatusCode.Forbidden]),
            ("classroom PC of a paired room", _host.DeviceCredential(roomId), [HttpStatusCode.Forbidden]),
        };
        foreach (var (who, credential, status) in refused)
        {
            using var client = _host.WithToken(credential);
            var response = await client.PostAsync($"/api/lessons/{Lesson}/observe", null);
            Assert.True(status.Contains(response.StatusCode), $"{who}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.DoesNotContain("\"token\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Anonymous: 401. An unknown lesson: 404, in the caller's language.
        using var anonymous = _host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/lessons/{Lesson}/observe", null)).StatusCode);
        using var district = _host.WithToken(_host.AccessToken("admin"));
        Assert.Equal(HttpStatusCode.NotFound, (await district.PostAsync("/api/lessons/L999-20261123/observe", null)).StatusCode);

        // The handler's own refusal (a member school's admin passes the lesson's Read rule, not the alliance's) speaks both languages.
        using var lead = _host.WithToken(_host.AccessToken("wangfang"));
        var zh = await (await lead.PostAsync($"/api/lessons/{Lesson}/observe", null)).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", (string?)zh["code"]);
        Assert.Contains("观摩", (string?)zh["detail"], StringComparison.Ordinal);
        var en = await (await lead.PostAsync($"/api/lessons/{Lesson}/observe?lang=en", null)).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Contains("may observe", (string?)en["detail"], StringComparison.Ordinal);
    }

    private JoinTokenClaims Claims(string token)
    {
        return _host.Scoped(services =>
        {
            var tokens = services.GetRequiredService<Classroom.Scheduler.Tokens.JoinTokenService>();
            Assert.True(tokens.TryValidate(token, out var claims, out var error), error.ToString());
            return claims!;
        });
    }

    /// <summary>A WHIP/WHEP POST of a well-formed offer in the relay's own client shape (no ICE follows).</summary>
    private async Task<HttpResponseMessage> PostOfferAsync(HttpClient http, string url, SessionRole role, string token)
    {
        var fingerprint = _host.Services.GetRequiredService<MediaRelayRuntime>().Fingerprint;
        var offer = ClientOfferWriter.Write(role, IceCredentials.Generate(), fingerprint, 4242, 4243);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(offer, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
