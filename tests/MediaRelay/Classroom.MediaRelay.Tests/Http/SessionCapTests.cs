using System.Net;
using System.Text.Json;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.Http;

/// <summary>MaxSessionsPerSubject and MaxSessionsPerAddress: 429 with Retry-After, and closed sessions give their slot back.</summary>
public sealed class SessionCapTests
{
    [Fact]
    public async Task A_subject_at_its_cap_gets_429_until_it_ends_a_session_and_refused_offers_take_no_slot()
    {
        await using var host = await RelayTestHost.StartAsync(settings: new Dictionary<string, string?> { ["MediaRelay:MaxSessionsPerSubject"] = "2" });
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var room7 = host.ClassroomTokenFor("room:7");

        using (var bad = await PostAsync(http, room7, "v=0\r\n"))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var first = await PostAsync(http, room7);
        using var second = await PostAsync(http, room7);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        using (var third = await PostAsync(http, room7))
            await AssertLimitedAsync(third, "MaxSessionsPerSubject");
        // Another room of the lesson has its own allowance.
        using (var other = await PostAsync(http, host.ClassroomTokenFor("room:8")))
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);

        using (var deleted = await RelayHttp.SendAsync(http, HttpMethod.Delete, first.Headers.Location!.ToString(), null, token: room7))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(1, host.Runtime.Quota.OfSubject("room:7"));
        using (var again = await PostAsync(http, room7))
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(2, host.Runtime.Quota.OfSubject("room:7"));
    }

    [Fact]
    public async Task An_address_at_its_cap_gets_429_whatever_the_subject_and_a_close_of_any_kind_frees_the_slot()
    {
        await using var host = await RelayTestHost.StartAsync(settings: new Dictionary<string, string?> { ["MediaRelay:MaxSessionsPerAddress"] = "3" });
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        for (var room = 1; room <= 3; room++)
        {
            using var created = await PostAsync(http, host.ClassroomTokenFor($"room:{room}"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var fourth = await PostAsync(http, host.ClassroomTokenFor("room:4")))
            await AssertLimitedAsync(fourth, "MaxSessionsPerAddress");
        Assert.Equal(3, host.Runtime.Quota.OfAddress("127.0.0.1"));

        // Closed by the relay rather than by DELETE (consent, revocation, shutdown): the slot comes back too.
        host.Runtime.Sessions.First().Close("test");
        Assert.Equal(2, host.Runtime.Quota.OfAddress("127.0.0.1"));
        using (var created = await PostAsync(http, host.ClassroomTokenFor("room:4")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string token, string? offer = null) =>
        RelayHttp.SendAsync(http, HttpMethod.Post, "/whep/" + RelayTestHost.Lesson, offer ?? RelayHttp.Offer(SessionRole.Player), token: token);

    private static async Task AssertLimitedAsync(HttpResponseMessage response, string option)
    {
        await ResourceOwnershipTests.AssertProblemAsync(response, HttpStatusCode.TooManyRequests, "Too many sessions");
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(option, problem.RootElement.GetProperty("field").GetString());
    }
}
