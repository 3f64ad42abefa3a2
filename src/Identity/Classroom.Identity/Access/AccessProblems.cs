using Classroom.Contracts.Access;
using Microsoft.AspNetCore.Http;

namespace Classroom.Identity.Access;

/// <summary>RFC 9457 refusals of the authorization layer, in the caller's language (Accept-Language zh default, en).</summary>
internal static class AccessProblems
{
    public static IResult Unauthorized(HttpContext context) =>
        Problem(context, StatusCodes.Status401Unauthorized, "unauthorized", "请先登录。", "Sign in first.");

    public static IResult Forbidden(HttpContext context, string why) =>
        Problem(context, StatusCodes.Status403Forbidden, "forbidden", "您的角色或范围不允许此操作。", "Your role or scope does not allow this.", why);

    public static IResult Antiforgery(HttpContext context) =>
        Problem(context, StatusCodes.Status400BadRequest, "antiforgery", "页面已过期，请刷新后重试。", "The page's form token is missing or stale; reload the page and try again.");

    public static IResult NotFound(HttpContext context, ResourceKind kind, string id) =>
        Problem(context, StatusCodes.Status404NotFound, "not_found", $"{ChineseName(kind)} {id} 不存在。", $"{EnglishName(kind)} {id} does not exist.");

    /// <summary>The kind in words ("Lead lesson", "Bell schedule"); one-word kinds as they are.</summary>
    internal static string EnglishName(ResourceKind kind) => kind switch
    {
        ResourceKind.BellSchedule => "Bell schedule",
        ResourceKind.LeadLesson => "Lead lesson",
        _ => kind.ToString(),
    };

    /// <summary>What a Chinese reader calls the resource ("主讲课 5 不存在。", not "LeadLesson 5 不存在。"); the English text names it in words too.</summary>
    internal static string ChineseName(ResourceKind kind) => kind switch
    {
        ResourceKind.County => "区县",
        ResourceKind.Alliance => "联盟",
        ResourceKind.School => "学校",
        ResourceKind.Classroom => "教室",
        ResourceKind.Teacher => "教师",
        ResourceKind.Studio => "录播室",
        ResourceKind.BellSchedule => "作息表",
        ResourceKind.LeadLesson => "主讲课",
        ResourceKind.Demand => "听课需求",
        ResourceKind.Term => "学期",
        ResourceKind.Lesson => "课次",
        ResourceKind.Device => "设备",
        ResourceKind.Person => "用户",
        ResourceKind.Recording => "录像",
        _ => kind.ToString(),
    };

    public static IResult Invalid(HttpContext context, string field) =>
        Problem(context, StatusCodes.Status400BadRequest, "invalid", $"缺少参数 {field}。", $"The parameter {field} is missing.");

    public static IResult Problem(HttpContext context, int status, string code, string zh, string en, string? reason = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (reason is not null) extensions["reason"] = reason;
        return Results.Problem(statusCode: status, title: Language.IsEnglish(context) ? en : zh, detail: Language.IsEnglish(context) ? en : zh, extensions: extensions);
    }
}

/// <summary>The caller's language: English when Accept-Language prefers en (or ?lang=en), Simplified Chinese otherwise.</summary>
public static class Language
{
    public static bool IsEnglish(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Classroom.Contracts.Api.ProblemLanguage.IsEnglish(context.Request.Query["lang"].FirstOrDefault(), context.Request.Headers.AcceptLanguage.ToString());
    }

    public static string Pick(HttpContext context, string zh, string en) => IsEnglish(context) ? en : zh;
}
