using System.Net;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.Http;

/// <summary>201 + Location + ETag + answer; PATCH for ICE restart (RFC 9725 §4.4.1) and trickle; DELETE ends the session.</summary>
public sealed class WhipWhepResourceTests
{
    [Fact]
    public async Task Offer_patch_restart_and_delete()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var token = host.ClassroomToken();
        using var created = await RelayHttp.SendAsync(http, HttpMethod.Post, "/whep/" + RelayTestHost.Lesson, RelayHttp.Offer(SessionRole.Player), token: token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/sdp", created.Content.Headers.ContentType?.MediaType);
        var location = created.Headers.Location!.ToString();
        Assert.StartsWith($"/whep/{RelayTestHost.Lesson}/", location, StringComparison.Ordinal);
        var etag = created.Headers.ETag!.Tag;
        var answer = await created.Content.ReadAsStringAsync();
        Assert.Contains("a=ice-lite", answer, StringComparison.Ordinal);
        Assert.Contains("a=setup:passive", answer, StringComparison.Ordinal);
        Assert.Contains("a=fingerprint:sha-256 " + host.Runtime.Fingerprint, answer, StringComparison.Ordinal);
        Assert.Contains("typ host tcptype passive", answer, StringComparison.Ordinal);
        var oldUfrag = answer.Split("\r\n").First(l => l.StartsWith("a=ice-ufrag:", StringComparison.Ordinal));

        // Trickle only (same credentials): 204.
        var remote = IceCredentials.Generate();
        using (var trickle = await PatchAsync(http, location, token, "a=candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host\r\n"))
            Assert.Equal(HttpStatusCode.NoContent, trickle.StatusCode);

        // New ufrag/pwd: ICE restart, 200 with the relay's new credentials and a new ETag.
        using (var restart = await PatchAsync(http, location, token, $"a=ice-ufrag:{remote.Ufrag}\r\na=ice-pwd:{remote.Pwd}\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n", etag))
        {
            Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
            var fragment = await restart.Content.ReadAsStringAsync();
            Assert.Contains("a=ice-ufrag:", fragment, StringComparison.Ordinal);
            Assert.DoesNotContain(oldUfrag, fragment, StringComparison.Ordinal);
            Assert.NotEqual(etag, restart.Headers.ETag!.Tag);
        }

        // The old ETag is stale now.
        using (var stale = await PatchAsync(http, location, token, $"a=ice-ufrag:abcd\r\na=ice-pwd:{remote.Pwd}\r\n", etag))
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        using (var deleted = await RelayHttp.SendAsync(http, HttpMethod.Delete, location, null, token: token))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(host.Runtime.Sessions);
        using (var gone = await RelayHttp.SendAsync(http, HttpMethod.Delete, location, null, token: token))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient http, string location, string token, string fragment, string? ifMatch = null) =>
        RelayHttp.SendAsync(http, HttpMethod.Patch, location, fragment, "application/trickle-ice-sdpfrag", token, ifMatch);
}
