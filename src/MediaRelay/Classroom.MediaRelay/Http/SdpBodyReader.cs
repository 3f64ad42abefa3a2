using System.Text;
using Microsoft.AspNetCore.Http;

namespace Classroom.MediaRelay.Http;

/// <summary>
/// Reads an SDP (or sdpfrag) body: the media type must match (else 415) and the body must fit the
/// limit (else 413, decided from Content-Length before reading when it is given).
/// </summary>
internal static class SdpBodyReader
{
    public const string Sdp = "application/sdp";
    public const string TrickleIceSdpFrag = "application/trickle-ice-sdpfrag";

    public static async Task<(string? Body, IResult? Failure)> ReadAsync(HttpRequest request, string mediaType, int limit)
    {
        var contentType = request.ContentType ?? string.Empty;
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        if (!bare.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, RelayProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Content-Type must be {mediaType}, got '{contentType}'", "Content-Type"));
        }

        if (request.ContentLength > limit) return (null, TooLarge(limit));
        var buffer = new byte[limit + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read), request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (n == 0) break;
            read += n;
        }

        if (read > limit) return (null, TooLarge(limit));
        if (read == 0)
        {
            return (null, RelayProblems.Problem(StatusCodes.Status400BadRequest, "Empty body",
                "the request body must carry the SDP", "body"));
        }

        return (Encoding.UTF8.GetString(buffer, 0, read), null);
    }

    private static IResult TooLarge(int limit) =>
        RelayProblems.Problem(StatusCodes.Status413PayloadTooLarge, "SDP too large",
            $"the SDP body may be at most {limit} bytes", "body");
}
