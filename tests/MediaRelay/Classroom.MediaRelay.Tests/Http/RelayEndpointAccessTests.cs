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

        // POST, OPTIONS, PATCH and DELETE for each of WHIP and WHEP, GET of a WHEP resource (its sections), and /metrics.
        Assert.Equal(10, endpoints.Count);
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

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("OPTIONS, POST", string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal("application/sdp", response.Headers.GetValues("Accept-Post").Single());
    }

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
