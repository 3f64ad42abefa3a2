using System.Text.Json;

namespace Classroom.LoadTool.Report;

/// <summary>Prints the table and, when asked, writes the JSON report.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, Json);

    public static async Task WriteAsync(LoadReport report, string? jsonPath, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync(ReportTable.Format(report)).ConfigureAwait(false);
        if (jsonPath is not null) await File.WriteAllTextAsync(jsonPath, ToJson(report)).ConfigureAwait(false);
    }
}
