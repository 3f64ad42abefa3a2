using Microsoft.AspNetCore.Http;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Collects field errors for one request; empty means valid. <see cref="For"/> speaks the caller's
/// language (zh-CN by default, English on request, <see cref="CallerLanguage"/>); a plain
/// <c>new Checks()</c> answers in English as it always did, for the endpoints not yet localized.
/// </summary>
public sealed class Checks(bool english = true)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly bool _localized;

    private Checks(bool english, bool localized) : this(english) => _localized = localized;

    /// <summary>Checks whose messages, title and detail are in the language of <paramref name="request"/>.</summary>
    public static Checks For(HttpRequest request) => new(CallerLanguage.IsEnglish(request), localized: true);

    public bool English { get; } = english;

    public bool Ok => _errors.Count == 0;

    public Checks Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Adds the message in the checks' language.</summary>
    public Checks Add(string field, string zh, string en) => Add(field, English ? en : zh);

    public Checks Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"请填写“{field}”。", $"'{field}' is required.");
        else if (value.Length > maxLength) Add(field, $"“{field}”超过 {maxLength} 个字符。", $"'{field}' is longer than {maxLength} characters.");
        return this;
    }

    public Checks Range(string field, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max) Add(field, $"“{field}”须在 {min} 到 {max} 之间（收到 {value}）。", $"'{field}' must be between {min} and {max} (got {value}).");
        return this;
    }

    public Checks When(bool failed, string field, string message) => failed ? Add(field, message) : this;

    public Checks When(bool failed, string field, string zh, string en) => failed ? Add(field, zh, en) : this;

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(p => p.Key, p => p.Value.ToArray());

    /// <summary>400 with every field's messages; localized checks put the first message in "detail" and a localized title.</summary>
    public IResult Problem()
    {
        if (!_localized) return Problems.Validation(Errors);
        var first = _errors.Values.First()[0];
        var more = _errors.Values.Sum(l => l.Count) - 1;
        var detail = more == 0 ? first : English ? $"{first} (and {more} more)" : $"{first}（另有 {more} 处）";
        return Results.ValidationProblem(Errors, detail: detail, title: English ? "Invalid input" : "输入有误",
            extensions: new Dictionary<string, object?> { ["code"] = "invalid" });
    }
}
