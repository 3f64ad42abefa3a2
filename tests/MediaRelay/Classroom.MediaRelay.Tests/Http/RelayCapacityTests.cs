using System.Net;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.Http;

public sealed class RelayCapacityTests
{
    [Fact]
    public async Task A_full_relay_answers_503_with_retry_after_and_takes_sessions_again_after_one_leaves()
    {
        await using var host = await RelayTestHost.StartAsync(settings: new Dictionary<string, string?> { ["MediaRelay:MaxSessions"] = "1" });
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var token = host.ClassroomToken();

        using var first = await PostAsync(http, token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await PostAsync(http, token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), second.Headers.RetryAfter?.Delta);

        using (var deleted = await RelayHttp.SendAsync(http, HttpMethod.Delete, first.Headers.Location!.ToString(), null, token: token))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var third = await PostAsync(http, token);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string token) =>
        RelayHttp.SendAsync(http, HttpMethod.Post, "/whep/" + RelayTestHost.Lesson, RelayHttp.Offer(SessionRole.Player), token: token);
}
