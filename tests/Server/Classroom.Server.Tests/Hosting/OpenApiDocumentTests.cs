using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Classroom.Contracts.Access;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Hosting;

/// <summary>
/// The OpenAPI document of the real server (scheduler, identity, hub and relay roles) describes
/// every operation well enough to generate a client from it (docs/api.md "OpenAPI: what every
/// operation documents"): a success answer with its schema or content type, at least one RFC 9457
/// problem answer, and the request body of every POST, PUT and PATCH. The failure message lists
/// each operation and what it lacks, so whoever adds an endpoint sees what to add.
/// </summary>
public sealed partial class OpenApiDocumentTests : IDisposable
{
    private const string ProblemJson = "application/problem+json";
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private readonly SchedulerHost _host = new(seedDemo: false, roles: "scheduler,hub,relay");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task Every_operation_documents_its_body_its_success_and_a_problem_answer()
    {
        var doc = await DocumentAsync();
        var gaps = new List<string>();
        var operations = 0;
        foreach (var (method, path, operation) in Operations(doc))
        {
            operations++;
            var missing = Missing(method, operation);
            if (missing.Count > 0) gaps.Add($"{method.ToUpperInvariant()} {path}: {string.Join("; ", missing)}");
        }

        Assert.True(operations > 90, $"only {operations} operations in the document");
        Assert.True(gaps.Count == 0,
            $"{gaps.Count} operation(s) of /openapi/v1.json are not documented well enough to generate a client (docs/api.md):\n" + string.Join("\n", gaps));
    }

    [Fact]
    public async Task Endpoints_with_access_metadata_document_the_refusals_of_the_access_layer()
    {
        var doc = await DocumentAsync();
        var endpoints = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var gaps = new List<string>();
        var checkedOperations = 0;
        foreach (var (method, path, operation) in Operations(doc))
        {
            var endpoint = endpoints.FirstOrDefault(e => Normalize(e.RoutePattern.RawText) == path &&
                (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method.ToUpperInvariant()) ?? false));
            Assert.True(endpoint is not null, $"{method.ToUpperInvariant()} {path} is in the document but no endpoint matches it");
            var rule = endpoint!.Metadata.GetMetadata<AccessRule>();
            if (rule is null && endpoint.Metadata.GetMetadata<SignedInEndpoint>() is null) continue;
            checkedOperations++;
            var expected = new List<int> { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden };
            if (rule is { Kind: not ResourceKind.County }) expected.Add(StatusCodes.Status404NotFound);
            foreach (var status in expected.Where(s => !HasProblem(operation, s)))
                gaps.Add($"{method.ToUpperInvariant()} {path}: no {status} problem answer");
        }

        Assert.True(checkedOperations > 60, $"only {checkedOperations} operations with access metadata");
        Assert.True(gaps.Count == 0, string.Join("\n", gaps));
    }

    [Fact]
    public async Task Every_schema_the_document_references_is_one_of_its_components()
    {
        var doc = await DocumentAsync();
        var components = doc["components"]?["schemas"]?.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var references = SchemaReference().Matches(doc.ToJsonString()).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("ProblemDetails", components);
        Assert.Contains("HttpValidationProblemDetails", components);
        Assert.NotNull(doc["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["code"]);
        var unresolved = references.Where(r => !components.Contains(r)).ToList();
        Assert.True(unresolved.Count == 0, "references without a component: " + string.Join(", ", unresolved));
        Assert.True(references.Count > 40, $"only {references.Count} schemas referenced");
    }

    [Fact]
    public async Task The_shared_problem_answers_are_documented_and_are_problem_details_on_the_wire()
    {
        var doc = await DocumentAsync();
        using var anonymous = _host.CreateClient();
        using var admin = _host.Admin();
        (string Method, string Path, HttpResponseMessage Response, int Status)[] answers =
        [
            ("get", "/api/alliances", await anonymous.GetAsync(new Uri("/api/alliances", UriKind.Relative)), StatusCodes.Status401Unauthorized),
            ("get", "/api/alliances/{id}", await admin.GetAsync(new Uri("/api/alliances/987654", UriKind.Relative)), StatusCodes.Status404NotFound),
            ("post", "/api/alliances", await admin.PostAsync(new Uri("/api/alliances", UriKind.Relative), Json("{\"name\": ")), StatusCodes.Status400BadRequest),
            ("post", "/api/alliances", await admin.PostAsync(new Uri("/api/alliances", UriKind.Relative), Json("{\"name\": \"" + new string('x', 70_000) + "\"}")), StatusCodes.Status413PayloadTooLarge),
        ];

        foreach (var (method, path, response, status) in answers)
        {
            using (response)
            {
                Assert.Equal(status, (int)response.StatusCode);
                Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
                var operation = doc["paths"]![path]![method]!.AsObject();
                Assert.True(HasProblem(operation, status), $"{method.ToUpperInvariant()} {path} answers {status} but does not document it");
            }
        }
    }

    [Fact]
    public void The_rule_names_what_a_bare_operation_lacks()
    {
        // What the generator writes for an endpoint nobody described: a bare 200, no body.
        var bare = JsonNode.Parse("""{ "responses": { "200": { "description": "OK" } } }""")!.AsObject();
        Assert.Equal(["no 2xx/3xx answer with a schema, a non-JSON content type or status 201/202/204", "no 4xx answer with application/problem+json", "no requestBody (or x-no-request-body saying why)"],
            Missing("post", bare));

        var described = JsonNode.Parse("""
            { "responses": { "201": { "description": "Created" },
                             "400": { "description": "Bad", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } } } },
              "requestBody": { "content": { "application/json": { "schema": { "type": "object" } } } } }
            """)!.AsObject();
        Assert.Empty(Missing("post", described));

        var schemaless = JsonNode.Parse("""{ "responses": { "200": { "description": "OK", "content": { "application/json": { } } } }, "x-no-client-error": "why" }""")!.AsObject();
        Assert.Equal(["no 2xx/3xx answer with a schema, a non-JSON content type or status 201/202/204"], Missing("get", schemaless));
    }

    /// <summary>What an operation lacks for a generated client; empty when it documents enough.</summary>
    private static List<string> Missing(string method, JsonObject operation)
    {
        var missing = new List<string>();
        var responses = operation["responses"]?.AsObject() ?? [];
        if (!responses.Any(r => IsDescribedSuccess(method, r.Key, r.Value)))
            missing.Add("no 2xx/3xx answer with a schema, a non-JSON content type or status 201/202/204");
        var problem = responses.Any(r => r.Key.StartsWith('4') && r.Value?["content"]?[ProblemJson] is not null);
        if (!problem && operation["x-no-client-error"] is null)
            missing.Add("no 4xx answer with application/problem+json");
        if (method is "post" or "put" or "patch" && operation["requestBody"] is null && operation["x-no-request-body"] is null)
            missing.Add("no requestBody (or x-no-request-body saying why)");
        return missing;
    }

    /// <summary>
    /// A success a client can act on: 201/202/204 or a redirect say it by status; otherwise some content
    /// must have a schema or be a non-JSON type (a file). A DELETE may answer a bare 200 (RFC 9725 §4.3).
    /// </summary>
    private static bool IsDescribedSuccess(string method, string status, JsonNode? response)
    {
        if (!(status.StartsWith('2') || status.StartsWith('3'))) return false;
        if (status is "201" or "202" or "204" || status.StartsWith('3')) return true;
        if (method == "delete" && status == "200") return true;
        return response?["content"]?.AsObject().Any(c => c.Value?["schema"] is not null || !c.Key.Contains("json", StringComparison.Ordinal)) ?? false;
    }

    private static bool HasProblem(JsonObject operation, int status) =>
        operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?[ProblemJson]?["schema"] is not null;

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = _host.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
    }

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonNode doc)
    {
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (Methods.Contains(method)) yield return (method, path, operation!.AsObject());
            }
        }
    }

    private static string Normalize(string? raw) => "/" + RouteConstraint().Replace(raw ?? "", "{$1}").Trim('/');

    [GeneratedRegex(@"\{([A-Za-z]+):[^}]+\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex("\"\\$ref\":\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex SchemaReference();
}
