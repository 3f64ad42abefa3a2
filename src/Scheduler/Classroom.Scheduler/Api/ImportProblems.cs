using Classroom.Scheduler.Import;
using Microsoft.AspNetCore.Http;

namespace Classroom.Scheduler.Api;

/// <summary>
/// The import endpoint's refusals as RFC 9457 problem details in the caller's language, with the
/// same stable codes as <see cref="Problems"/>. A refused file answers 400 "invalid" with every
/// problem twice over: "errors" (field → messages, as every validation answer) and "issues"
/// (row, column, header, code, message, otherRow) for pages and scripts.
/// </summary>
public static class ImportProblems
{
    public static IResult Refused(string kind, IReadOnlyList<ImportIssue> issues, bool en)
    {
        var errors = issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.Message.Text(en)).ToArray());
        var list = issues.Select(i => new ImportIssueDto(i.Row, i.Column, i.Header, i.Code, i.Message.Text(en), i.OtherRow)).ToList();
        return Results.ValidationProblem(errors,
            title: en ? "The file was not imported" : "文件未导入",
            detail: en ? $"The {kind} file was not imported: {issues.Count} problem(s). Nothing was changed." : $"{kind} 文件未导入：共 {issues.Count} 个问题，未作任何更改。",
            extensions: new Dictionary<string, object?> { ["code"] = "invalid", ["issues"] = list });
    }

    public static IResult UnknownKind(string kind, bool en)
    {
        var known = string.Join(", ", ImportService.RequiredColumns.Keys);
        return Problem(StatusCodes.Status404NotFound, "not_found", en, "没有这种导入", $"没有“{kind}”这种导入（可用：{known}）。", "Not found", $"Import kind '{kind}' does not exist (known: {known}).");
    }

    public static IResult NoAlliance(long id, bool en) =>
        Problem(StatusCodes.Status404NotFound, "not_found", en, "不存在", $"联盟 {id} 不存在。", "Not found", $"Alliance {id} does not exist.");

    public static IResult TooLarge(long limit, bool en) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too_large", en, "文件太大", $"上传的内容超过 {limit} 字节的上限。", "Upload too large", $"The request body is larger than the limit of {limit} bytes.");

    public static IResult UnsupportedMediaType(string got, bool en, params string[] accepted) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", en, "不支持的内容类型",
            $"不接受 Content-Type“{got}”；请发送：{string.Join(", ", accepted)}。", "Unsupported media type",
            $"Content-Type '{got}' is not accepted here; send one of: {string.Join(", ", accepted)}.");

    public static IResult BadForm(bool en) => Refused("file", [new ImportIssue(null, null, null,
        new ImportMessage("bad_form", "表单无法读取。", "The form could not be read."), Topic: "file")], en);

    public static IResult NoFile(bool en) => Refused("file", [new ImportIssue(null, null, null,
        new ImportMessage("no_file", "请把表格作为表单字段“file”上传。", "Attach the spreadsheet as the form field 'file'."), Topic: "file")], en);

    private static IResult Problem(int status, string code, bool en, string zhTitle, string zhDetail, string enTitle, string enDetail) =>
        Results.Problem(statusCode: status, title: en ? enTitle : zhTitle, detail: en ? enDetail : zhDetail, extensions: new Dictionary<string, object?> { ["code"] = code });
}

/// <summary>One problem of a refused import file, for the "issues" extension of the problem details.</summary>
public sealed record ImportIssueDto(int? Row, string? Column, string? Header, string Code, string Message, int? OtherRow);

/// <summary>The 400 answer to a refused import file (RFC 9457 with the "code", "errors" and "issues" extensions), as OpenAPI describes it.</summary>
public sealed record ImportProblemDto(string Type, string Title, int Status, string Detail, string Code,
    IDictionary<string, string[]> Errors, IReadOnlyList<ImportIssueDto> Issues);
