namespace Classroom.Scheduler.Api;

/// <summary>Collects field errors for one request; empty means valid.</summary>
public sealed class Checks
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Ok => _errors.Count == 0;

    public Checks Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Checks Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"'{field}' is required.");
        else if (value.Length > maxLength) Add(field, $"'{field}' is longer than {maxLength} characters.");
        return this;
    }

    public Checks Range(string field, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max) Add(field, $"'{field}' must be between {min} and {max} (got {value}).");
        return this;
    }

    public Checks When(bool failed, string field, string message) => failed ? Add(field, message) : this;

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(p => p.Key, p => p.Value.ToArray());

    public Microsoft.AspNetCore.Http.IResult Problem() => Problems.Validation(Errors);
}
