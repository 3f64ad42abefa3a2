using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Scheduler.Import;

/// <summary>
/// Reads the first worksheet of an .xlsx into a <see cref="Table"/> (shared and inline strings,
/// numbers as invariant text). Streams every part with <see cref="OpenXmlReader"/> (never the DOM)
/// and refuses a workbook past any bound of <see cref="XlsxLimits"/> with an error that names it.
/// </summary>
public static class XlsxTableReader
{
    /// <summary>English reasons, for callers that log or test the reader alone; the API answers with <see cref="Read"/>.</summary>
    public static bool TryRead(byte[] bytes, out Table? table, out string? error)
    {
        error = Read(bytes, out table)?.En;
        return error is null;
    }

    /// <summary>The first worksheet as a table, or the reason (both languages) it cannot be read.</summary>
    public static ImportMessage? Read(byte[] bytes, out Table? table)
    {
        table = null;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            if (CheckPackage(stream) is { } refused) return refused;
            stream.Position = 0;

            // MaxCharactersInPart bounds what the XML reader inflates even if a zip entry lies about its size.
            using var doc = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = XlsxLimits.MaxPartBytes });
            var workbook = doc.WorkbookPart;
            var sheetId = workbook is null ? null : FirstSheetId(workbook);
            if (workbook is null || sheetId is null || workbook.GetPartById(sheetId) is not WorksheetPart part) return ImportMessages.NoWorksheet();

            var shared = workbook.SharedStringTablePart is { } strings ? XlsxSharedStrings.Read(strings) : [];
            var rows = XlsxSheetRows.Read(part, shared);
            if (rows.Count == 0) return ImportMessages.EmptyWorksheet();
            table = new Table(rows[0].Cells, rows.Skip(1).ToList());
            return null;
        }
        catch (XlsxRefusedException e)
        {
            return e.Problem;
        }
        catch (XmlException e) when (e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            return ImportMessages.PartTooLarge((int)(XlsxLimits.MaxPartBytes / (1024 * 1024)));
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FormatException or IOException or NotSupportedException or XmlException or InvalidOperationException)
        {
            return ImportMessages.NotXlsx();
        }
    }

    /// <summary>Checks the zip directory (entry count and each entry's uncompressed size) without inflating anything.</summary>
    private static ImportMessage? CheckPackage(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > XlsxLimits.MaxEntries) return ImportMessages.TooManyParts(zip.Entries.Count, XlsxLimits.MaxEntries);
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > XlsxLimits.MaxPartBytes)
                return ImportMessages.NamedPartTooLarge(Shorten(entry.FullName, 80), entry.Length / (1024 * 1024), (int)(XlsxLimits.MaxPartBytes / (1024 * 1024)));
        }

        return null;
    }

    /// <summary>The relationship id of the workbook's first &lt;sheet&gt;.</summary>
    private static string? FirstSheetId(WorkbookPart workbook)
    {
        using var reader = OpenXmlReader.Create(workbook);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Sheet) || !reader.IsStartElement) continue;
            foreach (var a in reader.Attributes)
                if (a.LocalName == "id" && a.NamespaceUri.Length > 0) return a.Value;
            return null;
        }

        return null;
    }

    internal static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    /// <summary>Appends the text of a &lt;t&gt; element to <paramref name="into"/>, refusing more than <paramref name="max"/> characters in all.</summary>
    internal static void AppendText(OpenXmlReader reader, StringBuilder into, int max, Func<(string Zh, string En)> where)
    {
        var text = reader.GetText();
        if (into.Length + text.Length > max)
        {
            var (zh, en) = where();
            throw new XlsxRefusedException(ImportMessages.TextTooLong(zh, en, max));
        }

        into.Append(text);
    }

    internal static string? Attribute(OpenXmlReader reader, string localName)
    {
        foreach (var a in reader.Attributes)
            if (a.LocalName == localName && a.NamespaceUri.Length == 0) return a.Value;
        return null;
    }

    internal static int ParseInt(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
