using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Classroom.Scheduler.Api;

/// <summary>
/// POST /api/alliances/{id}/import/{kind} with the file as the body (text/csv or .xlsx), or as
/// the "file" field of a multipart form (what a browser file input sends). Refusals are in the
/// caller's language (<see cref="CallerLanguage"/>) and list every problem of the file.
/// </summary>
public static class ImportEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        api.MapPost("/alliances/{id:long}/import/{kind}", async (long id, string kind, HttpRequest request, SchedulerDbContext db,
            ImportService imports, IAuditTrail audit, IOptions<SchedulerOptions> options, CancellationToken ct) =>
        {
            var en = CallerLanguage.IsEnglish(request);
            if (!ImportService.RequiredColumns.ContainsKey(kind)) return ImportProblems.UnknownKind(kind, en);
            if (!await db.Alliances.AnyAsync(a => a.Id == id, ct)) return ImportProblems.NoAlliance(id, en);

            var limit = options.Value.MaxImportBytes;
            var (bytes, type, problem) = await ReadUploadAsync(request, limit, en, ct);
            if (problem is not null) return problem;

            Table? table;
            var isXlsx = type == XlsxType || (bytes!.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && type != "text/csv");
            var unreadable = isXlsx ? XlsxTableReader.Read(bytes!, out table) : CsvTableReader.Read(bytes!, out table);
            if (unreadable is { } reason)
                return ImportProblems.Refused(kind, [new ImportIssue(null, null, null, reason.Code == "file_unreadable" ? ImportMessages.Unreadable(reason) : reason, Topic: "file")], en);

            var outcome = await imports.ImportAsync(id, kind, table!, ct);
            if (outcome.Issues is not null) return ImportProblems.Refused(kind, outcome.Issues, en);
            if (kind == "rosters") await audit.RecordAsync("roster.import", $"alliance:{id}", AuditOutcome.Succeeded, ct);
            return Results.Ok(new ImportResultDto(kind, outcome.Rows, outcome.Counts.Created, outcome.Counts.Updated, outcome.Counts.Unchanged));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance)).DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Import)
            .WithSummary("Imports a spreadsheet (CSV or xlsx) of one kind into the alliance, all or nothing")
            .Produces<ImportResultDto>(StatusCodes.Status200OK)
            .Produces<ImportProblemDto>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = UploadBody();
                return Task.CompletedTask;
            });

        return api;
    }

    /// <summary>The request body as OpenAPI describes it: the file itself (CSV text or an xlsx workbook) or a form with the field "file".</summary>
    private static OpenApiRequestBody UploadBody() => new()
    {
        Required = true,
        Description = "The spreadsheet: CSV (UTF-8 or GB18030) or an xlsx workbook (first sheet), with a header row; or a multipart form whose field 'file' holds it.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            [XlsxType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            },
        },
    };

    private static async Task<(byte[]? Bytes, string? Type, IResult? Problem)> ReadUploadAsync(HttpRequest request, long limit, bool en, CancellationToken ct)
    {
        var contentType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
        if (contentType == "multipart/form-data")
        {
            if (request.ContentLength > limit) return (null, null, ImportProblems.TooLarge(limit, en));
            IFormCollection form;
            try { form = await request.ReadFormAsync(ct); }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return (null, null, e is BadHttpRequestException { StatusCode: 413 } ? ImportProblems.TooLarge(limit, en) : ImportProblems.BadForm(en));
            }

            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null) return (null, null, ImportProblems.NoFile(en));
            if (file.Length > limit) return (null, null, ImportProblems.TooLarge(limit, en));
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var type = file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? XlsxType : "text/csv";
            return (buffer.ToArray(), type, null);
        }

        if (contentType is not ("text/csv" or XlsxType or "application/octet-stream"))
            return (null, null, ImportProblems.UnsupportedMediaType(contentType, en, "text/csv", XlsxType, "multipart/form-data"));
        var bytes = await BodyLimits.ReadAsync(request, limit, ct);
        return bytes is null ? (null, null, ImportProblems.TooLarge(limit, en)) : (bytes, contentType, null);
    }
}

/// <summary>What an import did: rows read, records created, stored records changed, and records the file repeated unchanged.</summary>
public sealed record ImportResultDto(string Kind, int Rows, int Created, int Updated, int Unchanged);
