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
    public static bool TryRead(byte[] bytes, out Table? table, out string? error)
    {
        table = null;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            error = CheckPackage(stream);
            if (error is not null) return false;
            stream.Position = 0;

            // MaxCharactersInPart bounds what the XML reader inflates even if a zip entry lies about its size.
            using var doc = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = XlsxLimits.MaxPartBytes });
            var workbook = doc.WorkbookPart;
            var sheetId = workbook is null ? null : FirstSheetId(workbook);
            if (workbook is null || sheetId is null || workbook.GetPartById(sheetId) is not WorksheetPart part)
            {
                error = "The workbook has no worksheet.";
                return false;
            }

            var shared = workbook.SharedStringTablePart is { } strings ? XlsxSharedStrings.Read(strings) : [];
            var rows = XlsxSheetRows.Read(part, shared);
            if (rows.Count == 0) { error = "The worksheet is empty: a header row is required."; return false; }
            table = new Table(rows[0].Cells, rows.Skip(1).ToList());
            return true;
        }
        catch (XlsxRefusedException e)
        {
            error = e.Message;
            return false;
        }
        catch (XmlException e) when (e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            error = $"A part of the workbook is larger than {XlsxLimits.MaxPartBytes / (1024 * 1024)} MB uncompressed.";
            return false;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FormatException or IOException or NotSupportedException or XmlException or InvalidOperationException)
        {
            error = "The file is not a readable .xlsx workbook.";
            return false;
        }
    }

    /// <summary>Checks the zip directory (entry count and each entry's uncompressed size) without inflating anything.</summary>
    private static string? CheckPackage(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > XlsxLimits.MaxEntries)
            return $"The workbook has {zip.Entries.Count} parts; at most {XlsxLimits.MaxEntries} are read.";
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > XlsxLimits.MaxPartBytes)
                return $"The workbook part '{Shorten(entry.FullName, 80)}' is {entry.Length / (1024 * 1024)} MB uncompressed; at most {XlsxLimits.MaxPartBytes / (1024 * 1024)} MB is read.";
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
    internal static void AppendText(OpenXmlReader reader, StringBuilder into, int max, Func<string> where)
    {
        var text = reader.GetText();
        if (into.Length + text.Length > max)
            throw new XlsxRefusedException($"{where()} holds more than {max} characters.");
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
