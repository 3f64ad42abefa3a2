using System.Net;
using System.Text.Json;
using Classroom.MediaRelay.Http;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.Simulcast;

/// <summary>WHEP's <c>?maxLayer=</c>: parsed case-insensitively, anything else a 400 naming the field.</summary>
public sealed class MaxLayerQueryTests : IAsyncLifetime
{
    private RelayTestHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await RelayTestHost.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("low", 0)]
    [InlineData("mid", 1)]
    [InlineData("high", 2)]
    [InlineData("HIGH", 2)]
    [InlineData("Mid", 1)]
    public void Names_map_to_layer_indices(string value, int layer)
    {
        Assert.True(MaxLayerQuery.TryParse(value, out var parsed));
        Assert.Equal(layer, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("hd")]
    [InlineData(" low")]
    public void Anything_else_is_refused(string? value) => Assert.False(MaxLayerQuery.TryParse(value, out _));

    [Theory]
    [InlineData("?maxLayer=low")]
    [InlineData("?maxLayer=mid")]
    [InlineData("?maxLayer=high")]
    [InlineData("")]
    public async Task Whep_accepts_a_valid_ceiling_or_none(string query)
    {
        using var response = await RelayHttp.SendAsync(_http, HttpMethod.Post, $"/whep/{RelayTestHost.Lesson}{query}",
            RelayHttp.Offer(SessionRole.Player), "application/sdp", _host.ClassroomToken());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("?maxLayer=ultra")]
    [InlineData("?maxLayer=")]
    [InlineData("?maxLayer=1")]
    [InlineData("?maxLayer=low&maxLayer=high")]
    public async Task Whep_refuses_any_other_value_with_a_problem_naming_maxLayer(string query)
    {
        using var response = await RelayHttp.SendAsync(_http, HttpMethod.Post, $"/whep/{RelayTestHost.Lesson}{query}",
            RelayHttp.Offer(SessionRole.Player), "application/sdp", _host.ClassroomToken());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("maxLayer", problem.GetProperty("field").GetString());
        Assert.Contains("low, mid or high", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whep_checks_the_token_before_the_query()
    {
        using var response = await RelayHttp.SendAsync(_http, HttpMethod.Post, $"/whep/{RelayTestHost.Lesson}?maxLayer=ultra",
            RelayHttp.Offer(SessionRole.Player), "application/sdp", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Whip_ignores_the_query()
    {
        using var response = await RelayHttp.SendAsync(_http, HttpMethod.Post, $"/whip/{RelayTestHost.Lesson}?maxLayer=ultra",
            RelayHttp.Offer(SessionRole.Publisher), "application/sdp", _host.TeacherToken());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
