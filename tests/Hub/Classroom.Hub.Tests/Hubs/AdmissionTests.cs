using System.Net;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Protocol;
using Classroom.Hub.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Tests.Hubs;

/// <summary>Who gets into a lesson's group: tokens checked offline, lesson and school matched against the roster.</summary>
public sealed class AdmissionTests : IAsyncLifetime
{
    private InProcessHub _hub = null!;

    public async Task InitializeAsync() => _hub = await InProcessHub.StartAsync(extra: new() { ["Hub:RateLimitBurst"] = "5", ["Hub:RateLimitPerSecond"] = "1" });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Negotiate_without_a_valid_token_is_401()
    {
        using var http = _hub.Server.CreateClient();
        var none = await http.PostAsync(new Uri("/hub/lesson/negotiate?negotiateVersion=1", UriKind.Relative), null);
        var forged = await http.PostAsync(new Uri("/hub/lesson/negotiate?negotiateVersion=1&access_token=a.b.c", UriKind.Relative), null);
        using var otherKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var wrongSigner = new TestTokens(otherKey, TimeProvider.System).Room(101, 2);
        var wrong = await http.PostAsync(new Uri("/hub/lesson/negotiate?negotiateVersion=1&access_token=" + wrongSigner, UriKind.Relative), null);
        // A valid join token in the URL is refused too: URLs get logged, so only a short-lived ticket may ride there.
        var joinTokenInUrl = await http.PostAsync(new Uri("/hub/lesson/negotiate?negotiateVersion=1&access_token=" + _hub.Tokens.Room(101, 2), UriKind.Relative), null);
        using var ticketRequest = new HttpRequestMessage(HttpMethod.Post, new Uri("/hub/lesson/ticket", UriKind.Relative));
        ticketRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _hub.Tokens.Room(101, 2));
        var ticket = System.Text.Json.JsonDocument.Parse(await (await http.SendAsync(ticketRequest)).Content.ReadAsStringAsync()).RootElement.GetProperty("ticket").GetString();
        var good = await http.PostAsync(new Uri("/hub/lesson/negotiate?negotiateVersion=1&access_token=" + ticket, UriKind.Relative), null);
        var noTicketWithoutToken = await http.PostAsync(new Uri("/hub/lesson/ticket", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, joinTokenInUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noTicketWithoutToken.StatusCode);
        Assert.StartsWith("tk_", ticket, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var now = TimeProvider.System.GetUtcNow();
        var expired = _hub.Tokens.Sign(new JoinTokenClaims("room:101", ClassroomRole.Classroom, 1, TestLessons.A, 2, 101, null,
            [JoinTokenScopes.Hub], now.AddHours(-3), now.AddHours(-2), "x"));
        await using var client = new TestClient(_hub.Connection(expired));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.Connection.StartAsync());
    }

    [Theory]
    [InlineData(101, 3, TestLessons.A, "forbidden")]   // room with the wrong school
    [InlineData(301, 4, TestLessons.A, "forbidden")]   // room not paired with lesson A
    [InlineData(101, 2, "L99-20261122", "not_found")]  // lesson unknown to the scheduler
    public async Task Room_outside_the_roster_cannot_join(long room, long school, string lesson, string code)
    {
        await using var client = new TestClient(_hub.Connection(_hub.Tokens.Room(room, school, lesson)));
        Assert.Equal(code, await client.RefusalAsync());
    }

    [Fact]
    public async Task Other_teacher_other_alliance_and_scope_less_tokens_cannot_join()
    {
        var tokens = new[]
        {
            _hub.Tokens.Teacher(teacherId: 20),
            _hub.Tokens.Room(401, 9, TestLessons.C, alliance: 1),
            _hub.Tokens.Student(2, 101, scopes: [JoinTokenScopes.Replay]),
            _hub.Tokens.Student(4, 301),
        };
        foreach (var token in tokens)
        {
            await using var client = new TestClient(_hub.Connection(token));
            Assert.Equal("forbidden", await client.RefusalAsync());
        }

        await using var admin = new TestClient(_hub.Connection(_hub.Tokens.Admin(alliance: 2), "?lesson=" + TestLessons.A));
        Assert.Equal("forbidden", await admin.RefusalAsync());
    }

    [Fact]
    public async Task Admin_observes_the_lesson_it_names()
    {
        await using var admin = await _hub.ConnectAsync(_hub.Tokens.Admin(), "?lesson=" + TestLessons.A);
        await using var room = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));
        await room.Call<RecordAck>("CheckIn", new CheckInInput(Guid.NewGuid(), TestLessons.A, 201, 20, MediaTime.Now));
        await admin.WaitForAsync<CheckInView>("CheckedIn", c => c.ClassroomId == 201);
        var state = await admin.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        Assert.Equal(3, state.Rooms.Count);
    }

    [Fact]
    public async Task Calls_beyond_the_token_bucket_are_rate_limited_and_store_nothing()
    {
        await using var room = await _hub.ConnectAsync(_hub.Tokens.Room(102, 2));
        var codes = new List<string>();
        for (var i = 0; i < 8; i++)
            codes.Add(await room.ErrorOf("AskQuestion", new QuestionInput(Guid.NewGuid(), TestLessons.A, 102, "q" + i, MediaTime.Now)));
        Assert.Contains("rate_limited", codes);
        await using var db = _hub.Db();
        Assert.Equal(codes.Count(c => c == "ok"), await db.Questions.CountAsync(q => q.ClassroomId == 102));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_the_connection_and_stores_nothing()
    {
        await using var room = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));
        var closed = new TaskCompletionSource<Exception?>();
        room.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        var huge = new string('x', 40_000);
        await Assert.ThrowsAnyAsync<Exception>(() => room.Connection.InvokeAsync<RecordAck>("AskQuestion",
            new QuestionInput(Guid.NewGuid(), TestLessons.A, 201, huge, MediaTime.Now)));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var db = _hub.Db();
        Assert.False(await db.Questions.AnyAsync(q => q.ClassroomId == 201));
    }
}
