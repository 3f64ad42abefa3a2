using System.Globalization;
using System.Text;

namespace Classroom.Hub.Reports;

/// <summary>Rows as JSON, CSV (RFC 4180) or xlsx, with an audit log line per read.</summary>
internal static class ReportResults
{
    public static async Task<IResult> RowsAsync(IReadOnlyList<AttendanceRow> rows, string? format, string name, HttpContext http, ILoggerFactory logs)
    {
        format = string.IsNullOrEmpty(format) ? "json" : format.ToLowerInvariant();
        if (format is not ("json" or "csv" or "xlsx"))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format must be json, csv or xlsx"] });
        HubLog.ReportRead(logs.CreateLogger("Classroom.Hub.Audit"), Classroom.Contracts.Access.AccessClaims.SubjectOf(http.User) ?? "?", name, format);
        if (http.RequestServices.GetService<Classroom.Contracts.Access.IAuditTrail>() is { } audit)
            await audit.RecordAsync("attendance.read", name + "." + format, Classroom.Contracts.Access.AuditOutcome.Succeeded, http.RequestAborted).ConfigureAwait(false);
        return format switch
        {
            "csv" => Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(rows))).ToArray(), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => Results.File(XlsxWriter.Write(Header, rows.Select(Cells)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            _ => Results.Ok(rows),
        };
    }

    internal static readonly string[] Header =
        ["lesson", "subject", "starts_at", "school_id", "school", "classroom_id", "classroom", "expected", "present", "first_joined_at", "minutes_connected", "drops", "absentees", "make_up_minutes"];

    internal static object[] Cells(AttendanceRow r) =>
    [
        r.LessonId, r.Subject, r.StartsAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.SchoolId, r.SchoolName,
        r.ClassroomId, r.ClassroomName, r.Expected, (object?)r.Present ?? "",
        r.FirstJoinedAt?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "", r.MinutesConnected, r.Drops, string.Join("、", r.Absentees),
        string.Join("、", (r.MakeUp ?? []).Select(m => m.StudentName + " " + m.Minutes.ToString(CultureInfo.InvariantCulture))),
    ];

    internal static string Csv(IEnumerable<AttendanceRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var r in rows)
            sb.Append(string.Join(',', Cells(r).Select(c => Escape(Convert.ToString(c, CultureInfo.InvariantCulture) ?? "")))).Append("\r\n");
        return sb.ToString();
    }

    // RFC 4180 §2: quote fields with comma, quote or line break; double inner quotes. A leading
    // =,+,-,@ is prefixed with ' so a spreadsheet never runs a name as a formula.
    private static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, CultureInfo.InvariantCulture, out _)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
