using System.Net;
using System.Text.Json;
using Classroom.Contracts.Tokens;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.Http;

/// <summary>The bad-input matrix of WHIP/WHEP: each refusal has its status and an RFC 9457 body naming the field.</summary>
public sealed class WhipWhepRefusalTests : IAsyncLifetime
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

    private static string ValidOffer(SessionRole role) => RelayHttp.Offer(role);

    private Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/sdp", string? token = null) =>
        RelayHttp.SendAsync(_http, HttpMethod.Post, path, body, contentType, token);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string field)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        return problem;
    }

    [Fact]
    public async Task Sdp_over_64_KiB_is_413()
    {
        var huge = ValidOffer(SessionRole.Publisher) + new string('a', 64 * 1024);
        await ProblemAsync(await PostAsync("/whip/" + RelayTestHost.Lesson, huge, token: _host.TeacherToken()), HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        await ProblemAsync(await PostAsync("/whep/" + RelayTestHost.Lesson, ValidOffer(SessionRole.Player), "application/json", _host.ClassroomToken()),
            HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Theory]
    [InlineData("hello", "line 1")]
    [InlineData("v=0\r\ns=-\r\n", "o= line")]
    [InlineData("drop-ice", "ice-ufrag")]
    [InlineData("drop-fingerprint", "fingerprint")]
    public async Task Malformed_sdp_is_400_with_the_reason(string sdp, string reason)
    {
        if (sdp.StartsWith("drop-", StringComparison.Ordinal))
        {
            var drop = sdp == "drop-ice" ? "a=ice-" : "a=fingerprint";
            sdp = string.Join("\r\n", ValidOffer(SessionRole.Publisher).Split("\r\n").Where(l => !l.StartsWith(drop, StringComparison.Ordinal)));
        }

        var problem = await ProblemAsync(await PostAsync("/whip/" + RelayTestHost.Lesson, sdp, token: _host.TeacherToken()), HttpStatusCode.BadRequest, "sdp");
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offer_without_a_usable_codec_is_400()
    {
        var offer = ValidOffer(SessionRole.Publisher).Replace("VP8/90000", "AV1X/90000", StringComparison.Ordinal)
            .Replace("H264/90000", "AV1Y/90000", StringComparison.Ordinal).Replace("opus/48000/2", "PCMU/8000", StringComparison.Ordinal);
        var problem = await ProblemAsync(await PostAsync("/whip/" + RelayTestHost.Lesson, offer, token: _host.TeacherToken()), HttpStatusCode.BadRequest, "sdp");
        Assert.Contains("no m-line", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Missing_or_invalid_token_is_401_with_bearer_challenge(string? token)
    {
        var response = await PostAsync("/whep/" + RelayTestHost.Lesson, ValidOffer(SessionRole.Player), token: token);
        await ProblemAsync(response, HttpStatusCode.Unauthorized, "Authorization");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_signed_by_another_key_is_401()
    {
        var otherFolder = Path.Combine(Path.GetTempPath(), "relay-other-" + Guid.NewGuid().ToString("N"));
        using var otherKey = JoinTokenKeys.LoadOrCreatePrivate(otherFolder);
        var now = TimeProvider.System.GetUtcNow();
        var forged = JoinTokenCodec.Sign(new JoinTokenClaims("teacher:9", ClassroomRole.Teacher, 1, RelayTestHost.Lesson, 1, null, 9,
            [JoinTokenScopes.Publish, JoinTokenScopes.Play], now, now.AddMinutes(5), "x"), otherKey);
        await ProblemAsync(await PostAsync("/whip/" + RelayTestHost.Lesson, ValidOffer(SessionRole.Publisher), token: forged), HttpStatusCode.Unauthorized, "Authorization");
        Directory.Delete(otherFolder, recursive: true);
    }

    [Fact]
    public async Task Token_for_another_lesson_is_403()
    {
        await ProblemAsync(await PostAsync("/whep/" + RelayTestHost.Lesson, ValidOffer(SessionRole.Player), token: _host.ClassroomToken("L43-20261123")),
            HttpStatusCode.Forbidden, "Authorization");
    }

    [Fact]
    public async Task Classroom_token_without_publish_scope_is_403_on_whip()
    {
        var problem = await ProblemAsync(await PostAsync("/whip/" + RelayTestHost.Lesson, ValidOffer(SessionRole.Publisher), token: _host.ClassroomToken()),
            HttpStatusCode.Forbidden, "Authorization");
        Assert.Contains("publish", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classroom_brought_on_stage_may_publish()
    {
        var onStage = _host.Token(ClassroomRole.Classroom, RelayTestHost.Lesson, JoinTokenScopes.Play, JoinTokenScopes.Publish);
        var response = await PostAsync("/whip/" + RelayTestHost.Lesson, ValidOffer(SessionRole.Publisher), token: onStage);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_resource_is_404()
    {
        await ProblemAsync(await RelayHttp.SendAsync(_http, HttpMethod.Delete, $"/whep/{RelayTestHost.Lesson}/0123456789abcdef", null, token: _host.ClassroomToken()),
            HttpStatusCode.NotFound, "resourceId");
    }
}
