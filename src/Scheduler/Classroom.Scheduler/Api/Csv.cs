namespace Classroom.Scheduler.Api;

/// <summary>RFC 4180 field quoting, plus a guard against spreadsheet formula injection in exported names.</summary>
public static class Csv
{
    public static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
