using System.Globalization;

namespace Classroom.LoadTool.Cli;

/// <summary>
/// "--name value" options and "--flag" switches after the verb. Unknown names are errors, so a
/// typo never silently runs the default.
/// </summary>
public sealed class ArgReader
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public ArgReader(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[args[i][2..]] = hasValue ? args[++i] : null;
        }
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Required(string name) => String(name) ?? throw new ArgumentException($"--{name} is required");

    public bool Flag(string name)
    {
        _used.Add(name);
        return _values.ContainsKey(name);
    }

    public int Int(string name, int fallback) =>
        String(name) is { } s ? int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

    public TimeSpan Duration(string name, TimeSpan fallback) => String(name) is { } s ? ParseDuration(s) : fallback;

    public long Bitrate(string name, long fallback) => String(name) is { } s ? ParseBitrate(s) : fallback;

    /// <summary>Throws for any option given but never asked for.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToArray();
        if (unknown.Length > 0) throw new ArgumentException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
    }

    /// <summary>"30s", "2m", "500ms", or plain seconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, unit) = Split(text);
        return unit switch
        {
            "" or "s" => TimeSpan.FromSeconds(number),
            "ms" => TimeSpan.FromMilliseconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => throw new ArgumentException($"bad duration '{text}' (use 500ms, 30s, 2m)"),
        };
    }

    /// <summary>"1000k", "1M", "1.5m", or plain bits per second.</summary>
    public static long ParseBitrate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, unit) = Split(text);
        return unit.ToUpperInvariant() switch
        {
            "" => (long)number,
            "K" => (long)(number * 1_000),
            "M" => (long)(number * 1_000_000),
            _ => throw new ArgumentException($"bad bitrate '{text}' (use 1000k or 1M)"),
        };
    }

    private static (double Number, string Unit) Split(string text)
    {
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.')) end++;
        if (end == 0 || !double.TryParse(text.AsSpan(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            throw new ArgumentException($"bad number '{text}'");
        return (number, text[end..]);
    }
}
