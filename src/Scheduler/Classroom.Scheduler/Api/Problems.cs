using Microsoft.AspNetCore.Http;

namespace Classroom.Scheduler.Api;

/// <summary>
/// RFC 9457 problem details for every error the API returns. Each carries a stable "code"
/// extension the pages translate (zh-CN / en); "detail" names the field, row or id.
/// </summary>
public static class Problems
{
    public static IResult NotFound(string what, object id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found",
        detail: $"{what} {id} does not exist.", extensions: Code("not_found"));

    /// <summary>404 in the caller's language (<see cref="CallerLanguage"/>): "主讲课 5 不存在。" / "Lead lesson 5 does not exist."</summary>
    public static IResult NotFound(HttpRequest request, string zhWhat, string enWhat, object id)
    {
        var en = CallerLanguage.IsEnglish(request);
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: en ? "Not found" : "不存在",
            detail: en ? $"{enWhat} {id} does not exist." : $"{zhWhat} {id} 不存在。", extensions: Code("not_found"));
    }

    public static IResult Validation(IDictionary<string, string[]> errors, string? detail = null) => Results.ValidationProblem(
        errors, detail: detail ?? "One or more fields are invalid.", title: "Invalid input", extensions: Code("invalid"));

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, message);

    public static IResult Conflict(string detail, string title = "Conflict") => Results.Problem(
        statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: Code("conflict"));

    public static IResult TooLarge(long limit) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large",
        detail: $"The request body is larger than the limit of {limit} bytes.", extensions: Code("too_large"));

    public static IResult UnsupportedMediaType(string got, params string[] accepted) => Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
        detail: $"Content-Type '{got}' is not accepted here; send one of: {string.Join(", ", accepted)}.", extensions: Code("unsupported_media_type"));

    public static IResult Unauthorized(string detail) => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail, extensions: Code("unauthorized"));

    public static IResult Forbidden(string detail) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail, extensions: Code("forbidden"));

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };
}
