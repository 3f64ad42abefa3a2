using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Classroom.Scheduler.Import;

/// <summary>The shared-string table, streamed: each &lt;si&gt;'s text runs joined (phonetic runs left out), within the bounds of <see cref="XlsxLimits"/>.</summary>
internal static class XlsxSharedStrings
{
    public static string[] Read(SharedStringTablePart part)
    {
        var strings = new List<string>();
        var text = new StringBuilder();
        long total = 0;
        var inItem = false;
        var phonetic = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    if (strings.Count >= XlsxLimits.MaxSharedStrings)
                        throw new XlsxRefusedException(ImportMessages.TooManySharedStrings(XlsxLimits.MaxSharedStrings));
                    inItem = true;
                    text.Clear();
                }

                if (reader.IsEndElement && inItem)
                {
                    total += text.Length;
                    if (total > XlsxLimits.MaxSharedStringChars)
                        throw new XlsxRefusedException(ImportMessages.SharedStringsTooLong(XlsxLimits.MaxSharedStringChars));
                    strings.Add(text.ToString());
                    inItem = false;
                }
            }
            else if (type == typeof(PhoneticRun))
            {
                phonetic += reader.IsStartElement ? 1 : 0;
                phonetic -= reader.IsEndElement ? 1 : 0;
            }
            else if (type == typeof(Text) && reader.IsStartElement && inItem && phonetic == 0)
            {
                XlsxTableReader.AppendText(reader, text, XlsxLimits.MaxCellChars, () => ($"共享字符串 {strings.Count} ", $"Shared string {strings.Count}"));
            }
        }

        return [.. strings];
    }
}
