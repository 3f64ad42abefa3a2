using System.Net;
using System.Text.Json;
using Classroom.Contracts.Tokens;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.SignalR.Client;

namespace Classroom.Server.Tests.EndToEnd;

/// <summary>
/// The all-in-one server on a real socket: an enrolled classroom PC reads its lesson, joins its
/// lesson's hub group with the token the scheduler gave it (the teacher signs in for theirs), asks a question the teacher sees, and the teacher
/// brings it on stage — the hub fetches the room's publish token from the scheduler over HTTP.
/// </summary>
public sealed class LessonFlowTests : IAsyncLifetime
{
    // 09:55 in Shanghai on the demo's Monday: the first music lesson (10:00) is about to start.
    private readonly SchedulerHost _host = new(now: new DateTimeOffset(2026, 11, 23, 1, 55, 0, TimeSpan.Zero), roles: "scheduler,hub");
    private string _baseUrl = string.Empty;

    public Task InitializeAsync()
    {
        _baseUrl = _host.StartOnLoopback();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        _host.DeleteData();
        return Task.CompletedTask;
    }

    private HubConnection Connect(string token) => new HubConnectionBuilder()
        .WithUrl(_baseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
        .Build();

    [Fact]
    public async Task A_kiosk_room_asks_and_the_teacher_brings_it_on_stage()
    {
        var admin = _host.Admin();
        var week = await admin.CurrentWeekAsync();
        var pairing = week["pairings"]!.AsArray().First(p => (string?)p!["lessonId"] == "L1-20261123")!;
        var classroomId = (long)pairing["classroomId"]!;
        var device = _host.WithToken(_host.DeviceCredential(classroomId));
        var kiosk = await (await device.GetAsync("/api/device/lesson")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("L1-20261123", (string?)kiosk["current"]!["lessonId"]);
        var roomToken = (string)kiosk["current"]!["token"]!;
        var teacher = _host.WithToken(_host.AccessToken("wangfang"));
        var joined = await (await teacher.PostAsync("/api/lessons/L1-20261123/join", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("teacher", (string?)joined["role"]);
        var teacherToken = (string)joined["token"]!;
        // Another school's admin is refused a join token for this lesson.
        var otherSchool = _host.WithToken(_host.AccessToken("school"));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSchool.PostAsync("/api/lessons/L1-20261123/join", null)).StatusCode);

        await using var teacherHub = Connect(teacherToken);
        await using var room = Connect(roomToken);
        var asked = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        teacherHub.On<JsonElement>("QuestionAsked", q => asked.TrySetResult(q));
        var granted = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        room.On<JsonElement>("StageGranted", g => granted.TrySetResult(g));
        await teacherHub.StartAsync();
        await room.StartAsync();

        var questionId = Guid.NewGuid();
        var ack = await room.InvokeAsync<JsonElement>("AskQuestion", new { id = questionId, lessonId = "L1-20261123", classroomId, text = "老师，这个节拍怎么打？", mediaTimeMs = 120_000 });
        Assert.Equal(questionId, ack.GetProperty("id").GetGuid());
        var question = await asked.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("老师，这个节拍怎么打？", question.GetProperty("text").GetString());
        Assert.Equal(classroomId, question.GetProperty("classroomId").GetInt64());

        var grant = await teacherHub.InvokeAsync<JsonElement>("BringOnStage", new { lessonId = "L1-20261123", classroomId });
        var publishToken = grant.GetProperty("publishToken").GetString();
        var pushed = await granted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(publishToken, pushed.GetProperty("publishToken").GetString());
        Assert.True(JoinTokenKeys.TryLoadPublic(_host.DataFolder, out var key));
        using (key)
        {
            Assert.True(JoinTokenCodec.TryValidate(publishToken, key!, _host.Clock.GetUtcNow(), out var claims, out _));
            Assert.True(claims!.HasScope(JoinTokenScopes.Publish));
            Assert.Equal(classroomId, claims.ClassroomId);
            Assert.Equal("L1-20261123", claims.LessonId);
        }
    }
}
