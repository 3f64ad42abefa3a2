using Classroom.Contracts.Api;

namespace Classroom.Contracts.Tests.Api;

public sealed class ProblemLanguageTests
{
    [Theory]
    [InlineData(null, null, false)] // nothing said: the product's default, Simplified Chinese
    [InlineData(null, "", false)]
    [InlineData(null, "zh-CN,zh;q=0.9,en;q=0.8", false)] // English only as a fallback
    [InlineData(null, "en-US,en;q=0.9", true)]
    [InlineData(null, " en", true)]
    [InlineData(null, "EN-gb", true)]
    [InlineData("en", "zh-CN", true)] // the page's chosen language wins over the browser's
    [InlineData("zh-CN", "en-US", false)]
    [InlineData("", "en-US", false)] // an empty lang is a choice of none: the default
    public void The_callers_first_preference_decides_and_lang_overrides_it(string? lang, string? acceptLanguage, bool english) =>
        Assert.Equal(english, ProblemLanguage.IsEnglish(lang, acceptLanguage));
}
