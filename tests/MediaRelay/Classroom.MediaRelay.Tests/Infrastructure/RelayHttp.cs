using System.Net.Http.Headers;
using System.Text;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.MediaRelay.Tests.Infrastructure;

/// <summary>Plain HTTP requests against WHIP/WHEP for tests that look at status codes, not media.</summary>
public static class RelayHttp
{
    /// <summary>A well-formed offer (Opus + VP8/H.264) from a fresh identity.</summary>
    public static string Offer(SessionRole role) =>
        ClientOfferWriter.Write(role, IceCredentials.Generate(), DtlsCertificate.Create(TimeProvider.System).Fingerprint, 1111, 2222);

    public static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? body,
        string contentType = "application/sdp", string? token = null, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return http.SendAsync(request);
    }
}
