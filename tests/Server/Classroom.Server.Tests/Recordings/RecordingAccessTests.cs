using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Recordings;

/// <summary>
/// Replay through the real server (scheduler and hub roles, SQLite files, the demo alliance):
/// who may play a recording, the signed media URLs and what they refuse, and the audit log.
/// </summary>
public sealed class RecordingAccessTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_student_of_a_paired_class_plays_the_replay_through_its_signed_url_and_every_play_is_audited()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-play-1", _host.Clock.GetUtcNow().AddHours(-1));
        var student = _host.WithToken(world.Student);

        var listed = (await (await student.GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(listed, r => (string?)r!["id"] == "rec-play-1");
        var play = await (await student.PostJsonAsync("/api/recordings/rec-play-1/play", new { })).ReadAsync(HttpStatusCode.OK);
        var url = (string)play["url"]!;
        Assert.StartsWith("/media/recordings/", url, StringComparison.Ordinal);
        Assert.EndsWith("/camera.m3u8", url, StringComparison.Ordinal);

        // The media path needs no sign-in: the token in the path is the credential, and relative URIs inherit it.
        var anonymous = _host.CreateClient();
        var playlist = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType?.MediaType);
        var text = await playlist.Content.ReadAsStringAsync();
        Assert.Contains("#EXT-X-ENDLIST", text, StringComparison.Ordinal);
        var segment = text.Split('\n').First(l => l.EndsWith(".m4s", StringComparison.Ordinal));
        var baseUrl = url[..(url.LastIndexOf('/') + 1)];
        var media = await anonymous.GetAsync(baseUrl + segment);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("video/iso.segment", media.Content.Headers.ContentType?.MediaType);
        Assert.True((await media.Content.ReadAsByteArrayAsync()).Length > 100);
        var init = await anonymous.GetAsync(baseUrl + "init.mp4");
        Assert.Equal("video/mp4", init.Content.Headers.ContentType?.MediaType);

        // Players seek with byte ranges.
        using var range = new HttpRequestMessage(HttpMethod.Get, baseUrl + segment);
        range.Headers.Range = new RangeHeaderValue(0, 9);
        var partial = await anonymous.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(10, (await partial.Content.ReadAsByteArrayAsync()).Length);

        var poster = await anonymous.GetAsync((string)play["posterUrl"]!);
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType?.MediaType);

        var audit = await AuditAsync("recording.play");
        Assert.Contains(audit, r => (string?)r["target"] == "rec-play-1" && (string?)r["outcome"] == "Succeeded" && (string?)r["name"] == "rec-student");
    }

    [Fact]
    public async Task A_student_of_another_class_a_signed_out_caller_and_an_expired_or_tampered_url_are_refused_and_audited()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-refuse-1", _host.Clock.GetUtcNow().AddHours(-1));

        var other = _host.WithToken(world.OtherStudent);
        var refused = await (await other.PostJsonAsync("/api/recordings/rec-refuse-1/play", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", (string?)refused["code"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/recordings/rec-refuse-1")).StatusCode);
        Assert.DoesNotContain((await (await other.GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray(), r => (string?)r!["id"] == "rec-refuse-1");

        var anonymous = _host.CreateClient();
        var signedOut = await (await anonymous.PostJsonAsync("/api/recordings/rec-refuse-1/play", new { })).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", (string?)signedOut["code"]);

        var play = await (await _host.WithToken(world.Student).PostJsonAsync("/api/recordings/rec-refuse-1/play", new { })).ReadAsync(HttpStatusCode.OK);
        var url = (string)play["url"]!;
        var token = url.Split('/')[3];

        // A changed signature, a changed recording id, a file outside the recording: refused.
        var tampered = url.Replace(token, token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1], StringComparison.Ordinal);
        var problem = await (await anonymous.GetAsync(tampered)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", (string?)problem["code"]);
        using var english = new HttpRequestMessage(HttpMethod.Get, tampered + "?lang=en");
        Assert.Contains("expired", (string?)(await (await anonymous.SendAsync(english)).ProblemAsync(HttpStatusCode.Forbidden))["detail"], StringComparison.Ordinal);
        var parts = token.Split('.');
        var otherPayload = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes("v1|rec-other|9999999999"));
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync($"/media/recordings/{otherPayload}.{parts[1]}/camera.m3u8")).StatusCode);
        foreach (var path in new[] { "../rec-other/camera.m3u8", "..%2Fkeys%2Freplay-url.key", "manifest.json", ".hidden.m3u8", "run-1/../../x.m3u8" })
        {
            var response = await anonymous.GetAsync($"/media/recordings/{token}/{path}");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
            Assert.NotEqual("application/vnd.apple.mpegurl", response.Content.Headers.ContentType?.MediaType);
        }

        // Two hours later the URL has expired.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        _host.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(url)).StatusCode);

        var plays = await AuditAsync("recording.play");
        Assert.Contains(plays, r => (string?)r["target"] == "rec-refuse-1:expired" && (string?)r["outcome"] == "Refused");
        Assert.Contains(plays, r => ((string?)r["target"])!.EndsWith(":signature", StringComparison.Ordinal) && (string?)r["outcome"] == "Refused");
        Assert.Contains(plays, r => (string?)r["target"] == "rec-refuse-1:path" && (string?)r["outcome"] == "Refused");
        var requests = await AuditAsync("/api/recordings/{id}/play");
        Assert.Contains(requests, r => (string?)r["target"] == "id=rec-refuse-1" && (string?)r["outcome"] == "Refused" && (string?)r["name"] == "rec-other-student" && (int)r["status"]! == 403);
        Assert.Contains(requests, r => (string?)r["target"] == "id=rec-refuse-1" && (string?)r["outcome"] == "Refused" && (string?)r["subject"] == "anonymous" && (int)r["status"]! == 401);
    }

    [Fact]
    public async Task The_lessons_teacher_and_a_paired_schools_admin_watch_but_only_the_lead_schools_admin_deletes()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        var folder = await world.RecordAsync(_host, "rec-admin-1", _host.Clock.GetUtcNow().AddHours(-1));
        var teacher = _host.WithToken(world.Teacher);
        Assert.Equal(HttpStatusCode.OK, (await teacher.PostJsonAsync("/api/recordings/rec-admin-1/play", new { })).StatusCode);
        Assert.Contains((await (await teacher.GetAsync($"/api/lessons/{world.Lesson.LessonId}/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray(), r => (string?)r!["id"] == "rec-admin-1");

        var pairedAdmin = _host.WithToken(_host.AccessToken("rec-paired-admin", new Classroom.Contracts.Access.Grant(Classroom.Contracts.Access.AccountRole.SchoolAdmin, world.Lesson.AllianceId, world.PairedRoom.SchoolId)));
        Assert.Equal(HttpStatusCode.OK, (await pairedAdmin.GetAsync("/api/recordings/rec-admin-1")).StatusCode);
        if (world.PairedRoom.SchoolId != world.Lesson.LeadSchoolId)
            Assert.Equal(HttpStatusCode.Forbidden, (await pairedAdmin.DeleteAsync("/api/recordings/rec-admin-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.DeleteAsync("/api/recordings/rec-admin-1")).StatusCode);

        var leadAdmin = _host.WithToken(_host.AccessToken("rec-lead-admin", new Classroom.Contracts.Access.Grant(Classroom.Contracts.Access.AccountRole.SchoolAdmin, world.Lesson.AllianceId, world.Lesson.LeadSchoolId)));
        Assert.Equal(HttpStatusCode.NoContent, (await leadAdmin.DeleteAsync("/api/recordings/rec-admin-1")).StatusCode);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(HttpStatusCode.NotFound, (await leadAdmin.GetAsync("/api/recordings/rec-admin-1")).StatusCode);
        Assert.Contains(await AuditAsync("recording.delete"), r => (string?)r["target"] == "rec-admin-1" && (string?)r["name"] == "rec-lead-admin");
    }

    [Fact]
    public async Task A_classroom_device_of_the_lesson_gets_a_signed_url_of_the_live_playlist()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-live-1", _host.Clock.GetUtcNow(), finish: false);
        var device = _host.WithToken(_host.DeviceCredential(world.PairedRoom.ClassroomId));
        var joined = await (await device.PostJsonAsync($"/api/lessons/{world.Lesson.LessonId}/join", new { })).ReadAsync(HttpStatusCode.OK);
        var room = _host.WithToken((string)joined["token"]!);
        var live = await (await room.PostJsonAsync($"/api/lessons/{world.Lesson.LessonId}/live-hls", new { })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("recording", (string?)live["state"]);
        var playlist = await _host.CreateClient().GetAsync((string)live["url"]!);
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.Equal("no-cache, private", playlist.Headers.CacheControl?.ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient().PostJsonAsync($"/api/lessons/{world.Lesson.LessonId}/live-hls", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await room.PostJsonAsync("/api/lessons/L999-20261123/live-hls", new { })).StatusCode);
    }

    private async Task<List<JsonNode>> AuditAsync(string action) =>
        [.. (await (await _host.Admin().GetAsync("/api/audit?action=" + Uri.EscapeDataString(action))).ReadAsync(HttpStatusCode.OK)).AsArray().Select(r => r!)];
}
