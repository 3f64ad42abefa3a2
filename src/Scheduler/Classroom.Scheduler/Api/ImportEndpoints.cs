using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler.Api;

/// <summary>
/// POST /api/alliances/{id}/import/{kind} with the file as the body (text/csv or .xlsx), or as
/// the "file" field of a multipart form (what a browser file input sends).
/// </summary>
public static class ImportEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        api.MapPost("/alliances/{id:long}/import/{kind}", async (long id, string kind, HttpRequest request, SchedulerDbContext db,
            ImportService imports, IAuditTrail audit, IOptions<SchedulerOptions> options, CancellationToken ct) =>
        {
            if (!ImportService.RequiredColumns.ContainsKey(kind))
                return Problems.NotFound("Import kind", $"'{kind}' (known: {string.Join(", ", ImportService.RequiredColumns.Keys)})");
            if (!await db.Alliances.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound("Alliance", id);

            var limit = options.Value.MaxImportBytes;
            var (bytes, type, problem) = await ReadUploadAsync(request, limit, ct);
            if (problem is not null) return problem;

            Table? table;
            string? error;
            var isXlsx = type == XlsxType || (bytes!.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && type != "text/csv");
            var ok = isXlsx ? XlsxTableReader.TryRead(bytes!, out table, out error) : CsvTableReader.TryRead(bytes!, out table, out error);
            if (!ok) return Problems.Validation("file", error!);

            var outcome = await imports.ImportAsync(id, kind, table!, ct);
            if (outcome.Errors is not null)
                return Problems.Validation(outcome.Errors, $"The {kind} file was not imported: {outcome.Errors.Count} problem(s). Nothing was changed.");
            if (kind == "rosters") await audit.RecordAsync("roster.import", $"alliance:{id}", AuditOutcome.Succeeded, ct);
            return Results.Ok(new { kind, outcome.Rows, outcome.Created, outcome.Updated });
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance)).DisableAntiforgery();

        return api;
    }

    private static async Task<(byte[]? Bytes, string? Type, IResult? Problem)> ReadUploadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var contentType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
        if (contentType == "multipart/form-data")
        {
            if (request.ContentLength > limit) return (null, null, Problems.TooLarge(limit));
            IFormCollection form;
            try { form = await request.ReadFormAsync(ct); }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return (null, null, e is BadHttpRequestException { StatusCode: 413 } ? Problems.TooLarge(limit) : Problems.Validation("file", "The form could not be read."));
            }

            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null) return (null, null, Problems.Validation("file", "Attach the spreadsheet as the form field 'file'."));
            if (file.Length > limit) return (null, null, Problems.TooLarge(limit));
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var type = file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? XlsxType : "text/csv";
            return (buffer.ToArray(), type, null);
        }

        if (contentType is not ("text/csv" or XlsxType or "application/octet-stream"))
            return (null, null, Problems.UnsupportedMediaType(contentType, "text/csv", XlsxType, "multipart/form-data"));
        var bytes = await BodyLimits.ReadAsync(request, limit, ct);
        return bytes is null ? (null, null, Problems.TooLarge(limit)) : (bytes, contentType, null);
    }
}
