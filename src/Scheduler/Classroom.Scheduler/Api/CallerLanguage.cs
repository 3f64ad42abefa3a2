using Microsoft.AspNetCore.Http;

namespace Classroom.Scheduler.Api;

/// <summary>
/// The caller's language for error texts: English when <c>?lang=en</c> or Accept-Language starts
/// with "en", Simplified Chinese otherwise — the same rule as the access layer's refusals
/// (Classroom.Identity.Access.Language), which the scheduler does not reference.
/// </summary>
public static class CallerLanguage
{
    public static bool IsEnglish(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var lang = request.Query["lang"].FirstOrDefault();
        if (lang is not null) return lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        return request.Headers.AcceptLanguage.ToString().StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    public static string Pick(HttpRequest request, string zh, string en) => IsEnglish(request) ? en : zh;
}
