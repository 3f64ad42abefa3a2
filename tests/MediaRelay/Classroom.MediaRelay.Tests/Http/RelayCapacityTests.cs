using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Ice;
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

        using var delete = new HttpRequestMessage(HttpMethod.Delete, first.Headers.Location);
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var deleted = await http.SendAsync(delete)) Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var third = await PostAsync(http, token);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string token)
    {
        var offer = ClientOfferWriter.Write(SessionRole.Player, IceCredentials.Generate(), DtlsCertificate.Create(TimeProvider.System).Fingerprint, 1, 2);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/whep/" + RelayTestHost.Lesson) { Content = new StringContent(offer, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
