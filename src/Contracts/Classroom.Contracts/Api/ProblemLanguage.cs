namespace Classroom.Contracts.Api;

/// <summary>
/// The one rule for the language of a problem's text (RFC 9457 title and detail), used by every
/// role: English when the request says <c>?lang=en…</c>, or has no <c>lang</c> and its
/// Accept-Language starts with "en" (the caller's first preference); Simplified Chinese otherwise,
/// the product's default. Pages send Accept-Language from the language the reader chose.
/// </summary>
public static class ProblemLanguage
{
    /// <param name="lang">The request's <c>lang</c> query value, if any.</param>
    /// <param name="acceptLanguage">The request's Accept-Language header as sent.</param>
    public static bool IsEnglish(string? lang, string? acceptLanguage) =>
        lang is not null
            ? lang.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            : acceptLanguage?.TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
}
