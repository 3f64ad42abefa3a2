namespace Classroom.Hub.Recordings;

/// <summary>
/// RFC 9457 problems of the recordings API with a stable <c>code</c>, in the caller's language:
/// <see cref="Classroom.Contracts.Api.ProblemLanguage"/> (the rule every role uses).
/// </summary>
internal static class RecordingProblems
{
    public static bool IsEnglish(HttpContext http) =>
        Classroom.Contracts.Api.ProblemLanguage.IsEnglish(http.Request.Query["lang"].FirstOrDefault(), http.Request.Headers.AcceptLanguage.ToString());

    public static IResult Problem(HttpContext http, int status, string code, string zh, string en, string? field = null)
    {
        var text = IsEnglish(http) ? en : zh;
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null) extensions["field"] = field;
        return Results.Problem(statusCode: status, title: text, detail: text, extensions: extensions);
    }

    public static IResult Invalid(HttpContext http, string field, string zh, string en) =>
        Problem(http, StatusCodes.Status400BadRequest, "invalid", zh, en, field);

    public static IResult NotFound(HttpContext http, string id) =>
        Problem(http, StatusCodes.Status404NotFound, "not_found", $"录像 {id} 不存在。", $"Recording {id} does not exist.");

    public static IResult Refused(HttpContext http, string reason) =>
        Problem(http, StatusCodes.Status403Forbidden, "forbidden", "回放链接无效或已过期，请重新打开回放。", "The replay link is invalid or has expired; open the replay again.", reason);
}
