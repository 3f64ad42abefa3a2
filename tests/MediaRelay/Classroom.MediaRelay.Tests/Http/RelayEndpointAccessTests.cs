using System.Net;
using Classroom.Contracts.Access;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.MediaRelay.Tests.Http;

/// <summary>What the relay's endpoints tell a server-wide authorization layer, and where /metrics answers.</summary>
public sealed class RelayEndpointAccessTests
{
    [Fact]
    public async Task Every_relay_endpoint_says_why_it_needs_no_sign_in()
    {
        await using var host = await RelayTestHost.StartAsync();
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        // POST, OPTIONS, PATCH, DELETE and the session URL's OPTIONS for each of WHIP and WHEP,
        // GET of a WHEP resource (which producer each section shows), and /metrics.
        Assert.Equal(12, endpoints.Count);
        foreach (var endpoint in endpoints)
            Assert.True(endpoint.Metadata.GetMetadata<PublicEndpoint>() is { Why.Length: > 0 }, endpoint.DisplayName);
        Assert.Equal("management port only", endpoints.Single(e => e.RoutePattern.RawText == "/metrics").Metadata.GetMetadata<PublicEndpoint>()!.Why);
    }

    [Theory]
    [InlineData("whip")]
    [InlineData("whep")]
    public async Task Options_on_the_endpoint_names_post_and_the_sdp_media_type_without_a_token(string prefix)
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"/{prefix}/{RelayTestHost.Lesson}"));

        // RFC 9725 §4.2: "The 200 OK response to any OPTIONS request SHOULD include an Accept-Post header".
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OPTIONS, POST", string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal("application/sdp", response.Headers.GetValues("Accept-Post").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin")); // not a preflight
    }

    [Theory]
    [InlineData("whip")]
    [InlineData("whep")]
    public async Task A_CORS_preflight_is_answered_the_same_for_any_lesson_and_session_and_says_nothing_else(string prefix)
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        async Task<HttpResponseMessage> Preflight(string path, string method)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", "https://encoder.example");
            request.Headers.Add("Access-Control-Request-Method", method);
            request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
            return await http.SendAsync(request);
        }

        using var endpoint = await Preflight($"/{prefix}/{RelayTestHost.Lesson}", "POST");
        Assert.Equal(HttpStatusCode.OK, endpoint.StatusCode);
        Assert.Equal("*", endpoint.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("OPTIONS, POST", endpoint.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Contains("Authorization", endpoint.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
        Assert.False(endpoint.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(endpoint.Headers.Contains("Link")); // no ICE server configuration on a preflight (RFC 9725 §4.6)

        // A malformed lesson id and an unknown session are answered exactly as a real one: no oracle.
        using var other = await Preflight($"/{prefix}/not-a-lesson", "POST");
        Assert.Equal(Describe(endpoint), Describe(other));
        using var session = await Preflight($"/{prefix}/{RelayTestHost.Lesson}/no-such-session", "PATCH");
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("OPTIONS, PATCH, DELETE", session.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("application/trickle-ice-sdpfrag", session.Headers.GetValues("Accept-Patch").Single());
    }

    [Fact]
    public async Task A_cross_origin_offer_can_read_location_and_etag()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var request = new HttpRequestMessage(HttpMethod.Post, "/whep/" + RelayTestHost.Lesson)
        {
            Content = new StringContent(RelayHttp.Offer(Classroom.MediaRelay.Negotiation.SessionRole.Player)),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/sdp");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.ClassroomToken());
        request.Headers.Add("Origin", "https://player.example");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("Location", exposed, StringComparison.Ordinal);
        Assert.Contains("ETag", exposed, StringComparison.Ordinal);
    }

    private static string Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} " + string.Join("|", response.Headers.Where(h => h.Key != "Date").OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => h.Key + "=" + string.Join(",", h.Value))) + " " + string.Join(",", response.Content.Headers.Allow);

    [Fact]
    public async Task Metrics_answer_only_on_the_management_port()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient();

        using (var pub = await http.GetAsync(new Uri(host.BaseUrl + "/metrics")))
            Assert.Equal(HttpStatusCode.NotFound, pub.StatusCode);
        // The Host header is the client's to write: naming the management port on the public
        // listener must not reach the scrape.
        using (var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl + "/metrics")))
        {
            spoofed.Headers.Host = new Uri(host.ManagementUrl).Authority;
            using var response = await http.SendAsync(spoofed);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var management = await http.GetAsync(new Uri(host.ManagementUrl + "/metrics"));
        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
        Assert.Contains("# TYPE classroom_relay_sessions gauge", await management.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
