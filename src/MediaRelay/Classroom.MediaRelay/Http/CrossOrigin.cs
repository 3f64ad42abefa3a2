using Classroom.Contracts.Access;
using Microsoft.AspNetCore.Http;

namespace Classroom.MediaRelay.Http;

/// <summary>
/// OPTIONS and CORS for the WHIP/WHEP URLs. RFC 9725 §4.2: the endpoints "MUST support OPTIONS
/// requests for Cross-Origin Resource Sharing (CORS)" (Fetch) and the 200 response SHOULD carry
/// <c>Accept-Post: application/sdp</c>. A preflight carries no credentials, so the answer is the
/// same static text for every lesson and resource id: it says nothing about whether a lesson,
/// session or room exists, and no STUN/TURN configuration (the relay is ICE-lite and has none;
/// §4.6 advises against it on preflights anyway).
/// <para>
/// Any origin may call: the relay authenticates with the join token in <c>Authorization</c>, never
/// with cookies, so a page on another origin can do nothing it could not do with the token from
/// anywhere else (no <c>Access-Control-Allow-Credentials</c>, so browsers never attach cookies).
/// </para>
/// </summary>
internal static class CrossOrigin
{
    /// <summary>Endpoint access metadata of the OPTIONS routes.</summary>
    public static readonly PublicEndpoint Options =
        new("OPTIONS (RFC 9725 §4.2, CORS preflight): a preflight carries no credentials; the answer is the same static methods and media types for every URL");

    /// <summary>200 with Allow (and Accept-Post/Accept-Patch); a CORS preflight also gets the Access-Control-Allow-* answer.</summary>
    public static IResult Answer(HttpContext http, string methods, string? acceptPost, string? acceptPatch)
    {
        var headers = http.Response.Headers;
        headers.Allow = methods;
        if (acceptPost is not null) headers["Accept-Post"] = acceptPost;
        if (acceptPatch is not null) headers["Accept-Patch"] = acceptPatch;
        if (http.Request.Headers.Origin.Count > 0 && http.Request.Headers.AccessControlRequestMethod.Count > 0)
        {
            headers.AccessControlAllowOrigin = "*";
            headers.AccessControlAllowMethods = methods;
            headers.AccessControlAllowHeaders = "Authorization, Content-Type, If-Match";
            headers.AccessControlMaxAge = "600";
        }

        return Results.Ok();
    }

    /// <summary>
    /// On a cross-origin request (it has Origin): lets the page read the response, including the
    /// headers WHIP/WHEP clients need that are not CORS-safelisted.
    /// </summary>
    public static ValueTask<object?> ExposeHeaders(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.Origin.Count > 0)
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            http.Response.Headers.AccessControlExposeHeaders = "Location, ETag, Accept-Patch, Retry-After, WWW-Authenticate";
        }

        return next(context);
    }
}
