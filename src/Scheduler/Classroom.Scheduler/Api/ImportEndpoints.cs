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
/// POST /api/alliances/{id}/import/{kind} (and …/preview, the dry run) with the file as the body (text/csv or .xlsx), or as
/// the "file" field of a multipart form (what a browser file input sends). Refusals are in the
/// caller's language (<see cref="CallerLanguage"/>) and list every problem of the file.
/// </summary>
public static class ImportEndpoints
{
    public const string XlsxType = Contracts.Export.Xlsx.ContentType;

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        api.MapPost("/alliances/{id:long}/import/{kind}", (long id, string kind, HttpRequest request, SchedulerDbContext db,
                ImportService imports, IAuditTrail audit, IOptions<SchedulerOptions> options, CancellationToken ct) =>
                UploadAsync(id, kind, preview: false, request, db, imports, audit, options, ct))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance)).DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Import)
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

        // The dry run: the same file, the same checks, nothing stored (docs/admin-imports.md).
        api.MapPost("/alliances/{id:long}/import/{kind}/preview", (long id, string kind, HttpRequest request, SchedulerDbContext db,
                ImportService imports, IAuditTrail audit, IOptions<SchedulerOptions> options, CancellationToken ct) =>
                UploadAsync(id, kind, preview: true, request, db, imports, audit, options, ct))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance)).DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Import)
            .WithSummary("Checks a spreadsheet exactly as the import would and stores nothing: what it would create, update and leave, its first rows and every problem")
            .WithDescription("The file is checked as POST …/import/{kind} checks it — the rows, stored data, and the database's constraints inside a transaction that is rolled back — so a clean preview imports. A file with problems is still a preview (200, clean = false); only a request that is not a file (404, 413, 415, a bad form) is refused.")
            .Produces<ImportPreviewDto>(StatusCodes.Status200OK)
            .Produces<ImportProblemDto>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = UploadBody();
                return Task.CompletedTask;
            });

        // The template of each kind: header row in the caller's language and one example row that
        // imports into the demo alliance. Same access as the import itself; the console fetches it
        // with the session like the week's exports.
        api.MapGet("/alliances/{id:long}/import/{kind}/template.csv", (long id, string kind, HttpRequest request, SchedulerDbContext db, TimeProvider clock, CancellationToken ct) =>
                TemplateAsync(id, kind, "csv", request, db, clock, ct))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance))
            .WithSummary("The CSV template of an import kind: the header row (Chinese or English column names by the caller's language) and one example row")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/alliances/{id:long}/import/{kind}/template.xlsx", (long id, string kind, HttpRequest request, SchedulerDbContext db, TimeProvider clock, CancellationToken ct) =>
                TemplateAsync(id, kind, "xlsx", request, db, clock, ct))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance))
            .WithSummary("The xlsx template of an import kind: the header row (Chinese or English column names by the caller's language) and one example row")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType).ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<IResult> UploadAsync(long id, string kind, bool preview, HttpRequest request, SchedulerDbContext db,
        ImportService imports, IAuditTrail audit, IOptions<SchedulerOptions> options, CancellationToken ct)
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
        {
            ImportIssue[] fileIssue = [new ImportIssue(null, null, null, reason.Code == "file_unreadable" ? ImportMessages.Unreadable(reason) : reason, Topic: "file")];
            return preview ? Results.Ok(ImportPreviewDto.Of(kind, null, default, fileIssue, en)) : ImportProblems.Refused(kind, fileIssue, en);
        }

        var outcome = await imports.ImportAsync(id, kind, table!, preview, ct);
        if (preview) return Results.Ok(ImportPreviewDto.Of(kind, table, outcome.Counts, outcome.Issues ?? [], en));
        if (outcome.Issues is not null) return ImportProblems.Refused(kind, outcome.Issues, en);
        if (kind == "rosters") await audit.RecordAsync("roster.import", $"alliance:{id}", AuditOutcome.Succeeded, ct);
        return Results.Ok(new ImportResultDto(kind, outcome.Rows, outcome.Counts.Created, outcome.Counts.Updated, outcome.Counts.Unchanged));
    }

    private static async Task<IResult> TemplateAsync(long id, string kind, string extension, HttpRequest request, SchedulerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var en = CallerLanguage.IsEnglish(request);
        if (!ImportService.RequiredColumns.ContainsKey(kind)) return ImportProblems.UnknownKind(kind, en);
        if (!await db.Alliances.AnyAsync(a => a.Id == id, ct)) return ImportProblems.NoAlliance(id, en);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return extension == "csv"
            ? Results.File(ImportTemplates.Csv(kind, en, today), "text/csv; charset=utf-8", ImportTemplates.FileName(kind, "csv"))
            : Results.File(ImportTemplates.Xlsx(kind, en, today), XlsxType, ImportTemplates.FileName(kind, "xlsx"));
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

/// <summary>
/// What an import of the file would do, nothing stored (POST …/import/{kind}/preview): clean
/// when it has no problem, the counts an import would give (zero unless clean), the header and the
/// first <see cref="MaxRows"/> rows as read (cells cut to <see cref="MaxCell"/> characters) with their
/// spreadsheet row numbers, and every problem of the file in the caller's language.
/// </summary>
public sealed record ImportPreviewDto(string Kind, bool Clean, int Rows, int Created, int Updated, int Unchanged,
    IReadOnlyList<string> Headers, IReadOnlyList<ImportPreviewRowDto> Sample, bool Truncated, IReadOnlyList<ImportIssueDto> Issues)
{
    public const int MaxRows = 200, MaxCell = 200;

    public static ImportPreviewDto Of(string kind, Table? table, ImportCounts counts, IReadOnlyList<ImportIssue> issues, bool en)
    {
        static string Cut(string s) => s.Length > MaxCell ? s[..MaxCell] + "…" : s;
        var rows = table?.Rows ?? [];
        return new ImportPreviewDto(kind, issues.Count == 0, rows.Count, counts.Created, counts.Updated, counts.Unchanged,
            table?.Headers.Take(XlsxLimits.MaxColumns).Select(Cut).ToList() ?? [],
            rows.Take(MaxRows).Select(r => new ImportPreviewRowDto(r.RowNumber, r.Cells.Take(XlsxLimits.MaxColumns).Select(Cut).ToList())).ToList(),
            rows.Count > MaxRows,
            issues.Select(i => new ImportIssueDto(i.Row, i.Column, i.Header, i.Code, i.Message.Text(en), i.OtherRow)).ToList());
    }
}

/// <summary>One row of a preview: its spreadsheet row number and its cells as read.</summary>
public sealed record ImportPreviewRowDto(int Row, IReadOnlyList<string> Cells);
