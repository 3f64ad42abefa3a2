using Microsoft.AspNetCore.Http;

namespace Classroom.MediaRelay.Http;

/// <summary>RFC 9457 problem details for every refusal, naming the field at fault.</summary>
internal static class RelayProblems
{
    public static IResult Problem(int status, string title, string detail, string field) =>
        Results.Problem(detail: detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750 §3), as RFC 9725 §4.1 expects.</summary>
    public static IResult Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"classroom-relay\", error=\"invalid_token\"";
        return Problem(StatusCodes.Status401Unauthorized, "Join token missing or invalid", detail, "Authorization");
    }

    public static IResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "Join token does not allow this", detail, "Authorization");

    /// <summary>403: a valid token of the lesson, but for another subject than the one that created the resource.</summary>
    public static IResult NotOwner(string resourceId) =>
        Problem(StatusCodes.Status403Forbidden, "Not your session",
            $"session '{resourceId}' belongs to the subject that created it; only that subject may change or end it", "Authorization");

    /// <summary>403: the token is valid but the right it carried was revoked (device revoked, room taken off stage).</summary>
    public static IResult Revoked() =>
        Problem(StatusCodes.Status403Forbidden, "Join token revoked",
            "the right this token carried was revoked before it expired; ask for a new token", "Authorization");

    public static IResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "No such session", detail, "resourceId");
}
