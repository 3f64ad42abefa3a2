using System.Text;

namespace Classroom.Scheduler.Import;

/// <summary>
/// RFC 4180 CSV. Excel on Chinese Windows saves CSV as GB18030, not UTF-8: bytes that are not
/// valid UTF-8 are read as GB18030 so school names survive.
/// </summary>
public static class CsvTableReader
{
    static CsvTableReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>English reasons, for callers that log or test the reader alone; the API answers with <see cref="Read"/>.</summary>
    public static bool TryRead(byte[] bytes, out Table? table, out string? error)
    {
        error = Read(bytes, out table)?.En;
        return error is null;
    }

    /// <summary>The table, or the reason (both languages) it cannot be read.</summary>
    public static ImportMessage? Read(byte[] bytes, out Table? table)
    {
        table = null;
        var text = Decode(bytes);
        var records = new List<(int Line, List<string> Cells)>();
        var cells = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else { if (ch == '\n') line++; field.Append(ch); }
                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': cells.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    cells.Add(field.ToString()); field.Clear();
                    records.Add((recordLine, cells)); cells = [];
                    line++; recordLine = line;
                    break;
                default: field.Append(ch); break;
            }
        }

        if (quoted) return ImportMessages.QuoteNotClosed(recordLine);
        if (field.Length > 0 || cells.Count > 0) { cells.Add(field.ToString()); records.Add((recordLine, cells)); }
        records.RemoveAll(r => r.Cells.TrueForAll(string.IsNullOrWhiteSpace));
        if (records.Count == 0) return ImportMessages.EmptyFile();

        var headers = records[0].Cells.Select(h => h.Trim()).ToList();
        table = new Table(headers, records.Skip(1).Select(r => (r.Line, r.Cells.Select(c => c.Trim()).ToArray())).ToList());
        return null;
    }

    private static string Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[3..];
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(span);
        }
    }
}
