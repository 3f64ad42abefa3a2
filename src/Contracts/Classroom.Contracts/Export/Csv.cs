using System.Text;

namespace Classroom.Contracts.Export;

/// <summary>
/// CSV as every export of the server writes it (RFC 4180): comma-separated, CRLF line ends, UTF-8
/// with a byte-order mark so Excel on a Chinese Windows reads the names, and a guard against
/// spreadsheet formula injection in names.
/// </summary>
public static class Csv
{
    /// <summary>
    /// Quotes a field holding a comma, quote or line break (RFC 4180 §2) and doubles inner quotes. A
    /// text beginning with =, +, -, @, a tab or a carriage return gets a leading apostrophe so a spreadsheet never runs it as a
    /// formula; a number such as "-3" stays a number.
    /// </summary>
    public static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !TableCell.IsNumber(value)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>The rows as a CSV file's bytes (BOM first); a null cell is written empty.</summary>
    public static byte[] Bytes(IEnumerable<IReadOnlyList<string?>> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows) sb.AppendJoin(',', row.Select(c => Escape(c ?? string.Empty))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public const string ContentType = "text/csv; charset=utf-8";
}

/// <summary>How an exported cell's text is typed in a spreadsheet.</summary>
public static class TableCell
{
    /// <summary>
    /// A plain decimal ("12", "-3", "0.5", "87.5") is a number; a code with a leading zero ("007"),
    /// an exponent, a thousands separator or anything else stays text, as it was typed.
    /// </summary>
    public static bool IsNumber(string value)
    {
        var s = value.AsSpan();
        if (s.Length > 0 && s[0] == '-') s = s[1..];
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : s[(dot + 1)..];
        if (whole.Length == 0 || (whole.Length > 1 && whole[0] == '0')) return false;
        if (dot >= 0 && fraction.Length == 0) return false;
        foreach (var c in whole) if (!char.IsAsciiDigit(c)) return false;
        foreach (var c in fraction) if (!char.IsAsciiDigit(c)) return false;
        return whole.Length + fraction.Length <= 15;
    }
}
