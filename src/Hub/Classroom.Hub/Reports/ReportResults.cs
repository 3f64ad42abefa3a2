using System.Globalization;
using Classroom.Contracts.Export;
using Classroom.Hub.Recordings;

namespace Classroom.Hub.Reports;

/// <summary>Rows as JSON, CSV (RFC 4180) or xlsx, with an audit log line per read.</summary>
internal static class ReportResults
{
    public static async Task<IResult> RowsAsync(IReadOnlyList<AttendanceRow> rows, string? format, string name, HttpContext http, ILoggerFactory logs)
    {
        if (FormatProblem(http, ref format) is { } problem) return problem;
        await AuditAsync(http, logs, "attendance.read", name, format).ConfigureAwait(false);
        return format == "json" ? Results.Ok(rows) : File(format, Table(rows), "attendance", name);
    }

    /// <summary>json (the default), csv or xlsx; else a 400 problem in the caller's language.</summary>
    public static IResult? FormatProblem(HttpContext http, [System.Diagnostics.CodeAnalysis.NotNull] ref string? format)
    {
        format = string.IsNullOrEmpty(format) ? "json" : format.ToLowerInvariant();
        return format is "json" or "csv" or "xlsx" ? null : Invalid(http, "format", "format 只能是 json、csv 或 xlsx。", "format must be json, csv or xlsx.");
    }

    /// <summary>A table as a CSV or xlsx download.</summary>
    public static IResult File(string format, IEnumerable<IReadOnlyList<string?>> table, string sheet, string name) => format == "xlsx"
        ? Results.File(Xlsx.Write(sheet, table), Xlsx.ContentType, name + ".xlsx")
        : Results.File(Csv.Bytes(table), Csv.ContentType, name + ".csv");

    /// <summary>The hub's audit line and the identity's audit trail (when this process has one).</summary>
    public static async Task AuditAsync(HttpContext http, ILoggerFactory logs, string action, string name, string format)
    {
        HubLog.ReportRead(logs.CreateLogger("Classroom.Hub.Audit"), Classroom.Contracts.Access.AccessClaims.SubjectOf(http.User) ?? "?", name, format);
        if (http.RequestServices.GetService<Classroom.Contracts.Access.IAuditTrail>() is { } audit)
            await audit.RecordAsync(action, name + "." + format, Classroom.Contracts.Access.AuditOutcome.Succeeded, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A 400 validation problem naming the field, in the caller's language.</summary>
    public static IResult Invalid(HttpContext http, string field, string zh, string en)
    {
        var text = RecordingProblems.IsEnglish(http) ? en : zh;
        return Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [text] }, detail: text,
            title: RecordingProblems.IsEnglish(http) ? "Invalid " + field : "参数 " + field + " 无效", extensions: new Dictionary<string, object?> { ["code"] = "invalid" });
    }

    internal static readonly string[] Header =
        ["lesson", "subject", "starts_at", "school_id", "school", "classroom_id", "classroom", "expected", "present", "first_joined_at", "minutes_connected", "drops", "absentees", "make_up_minutes"];

    internal static IEnumerable<IReadOnlyList<string?>> Table(IEnumerable<AttendanceRow> rows) => [Header, .. rows.Select(Cells)];

    internal static string?[] Cells(AttendanceRow r)
    {
        var inv = CultureInfo.InvariantCulture;
        return
        [
            r.LessonId, r.Subject, r.StartsAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", inv), r.SchoolId.ToString(inv), r.SchoolName,
            r.ClassroomId.ToString(inv), r.ClassroomName, r.Expected.ToString(inv), r.Present?.ToString(inv),
            r.FirstJoinedAt?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", inv), r.MinutesConnected.ToString(inv), r.Drops.ToString(inv),
            string.Join("、", r.Absentees),
            string.Join("、", (r.MakeUp ?? []).Select(m => m.StudentName + " " + m.Minutes.ToString(inv))),
        ];
    }
}
