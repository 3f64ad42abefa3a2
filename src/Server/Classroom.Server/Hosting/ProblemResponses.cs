using System.Text.Json.Nodes;
using Classroom.Contracts.Access;
using Classroom.Contracts.Api;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Classroom.Server.Hosting;

/// <summary>
/// The OpenAPI responses every endpoint of a kind shares, read from the endpoint's metadata so no
/// endpoint repeats them by hand (docs/api.md): RFC 9457 problem details (application/problem+json)
/// for 401 and 403 where access metadata asks for a signed-in caller (<see cref="AccessRule"/>,
/// <see cref="SignedInEndpoint"/>), 404 where an access rule resolves a named resource, 400 for a
/// page session's state change without the antiforgery header or an unreadable body, 413 for a body
/// over the size limit, 429 where a rate-limit policy applies, and 500 everywhere. What an endpoint
/// declares itself (<c>Produces</c>, <c>ProducesProblem</c>) is kept.
/// It also gives file answers declared with <c>Produces(status, contentType: …)</c> their content
/// (the generator drops the content of an untyped response, and a later declaration for the same
/// status replaces an earlier one), so a JSON, CSV and xlsx answer of one status all appear.
/// As a document transformer it adds the project's stable "code" extension to the problem schemas.
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>Operation extensions that carry <see cref="NoRequestBody"/> and <see cref="NoClientError"/> into the document.</summary>
    public const string NoRequestBodyExtension = "x-no-request-body";
    public const string NoClientErrorExtension = "x-no-client-error";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var responses = operation.Responses ??= [];
        await AddDeclaredContentAsync(responses, metadata, context, cancellationToken).ConfigureAwait(false);
        if (metadata.OfType<NoRequestBody>().LastOrDefault() is { } noBody) Note(operation, NoRequestBodyExtension, noBody.Why);
        if (metadata.OfType<NoClientError>().LastOrDefault() is { } noError) Note(operation, NoClientErrorExtension, noError.Why);
        if (operation.RequestBody is null && metadata.OfType<RawRequestBody>().LastOrDefault() is { } raw)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true, Description = raw.Description,
                Content = new Dictionary<string, OpenApiMediaType> { [raw.ContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
        }

        var rule = metadata.OfType<AccessRule>().LastOrDefault();
        var signedIn = rule is not null || metadata.OfType<SignedInEndpoint>().Any();
        var changes = !HttpMethods.IsGet(context.Description.HttpMethod ?? "GET");
        var hasBody = operation.RequestBody is not null;
        var problem = await SchemaAsync(context, typeof(ProblemDetails), cancellationToken).ConfigureAwait(false);

        if (signedIn && changes)
            Add(responses, StatusCodes.Status400BadRequest, "A page session (cookie) sent no valid antiforgery header.", problem);
        if (hasBody)
        {
            Add(responses, StatusCodes.Status400BadRequest, "The body could not be read (malformed JSON or a wrong field type).", problem);
            Add(responses, StatusCodes.Status413PayloadTooLarge, "The body is larger than the server's limit for this route.", problem);
        }

        if (signedIn)
        {
            Add(responses, StatusCodes.Status401Unauthorized, "No valid session cookie, personal access token or device credential.", problem);
            Add(responses, StatusCodes.Status403Forbidden, "The caller's role or scope does not allow this (docs/access.md).", problem);
        }

        if (rule is { Kind: not ResourceKind.County })
            Add(responses, StatusCodes.Status404NotFound, $"The {rule.Kind} named by '{rule.RouteParameter ?? "id"}' does not exist.", problem);
        if (metadata.OfType<EnableRateLimitingAttribute>().LastOrDefault() is { } limited)
            Add(responses, StatusCodes.Status429TooManyRequests, $"Over the '{limited.PolicyName}' rate limit; the Retry-After header says when to try again.", problem);
        Add(responses, StatusCodes.Status500InternalServerError, "An unexpected error (logged on the server).", problem);
    }

    private static void Note(OpenApiOperation operation, string extension, string why)
    {
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[extension] = new JsonNodeExtension(JsonValue.Create(why));
    }

    /// <summary>The "code" every problem of this server carries (docs/security.md), on both problem schemas.</summary>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var name in (string[])["ProblemDetails", "HttpValidationProblemDetails"])
        {
            if (document.Components?.Schemas?.TryGetValue(name, out var found) != true || found is not OpenApiSchema schema) continue;
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties.TryAdd("code", new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable error code the pages translate (e.g. invalid, not_found, conflict, unauthorized, forbidden, too_large, rate_limited); title and detail are in the caller's language. WHIP/WHEP problems name the request 'field' at fault instead.",
            });
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds a problem response for <paramref name="status"/> unless the endpoint documents that status itself.</summary>
    private static void Add(OpenApiResponses responses, int status, string description, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.ContainsKey(key)) return;
        responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
        };
    }

    /// <summary>Every content type an endpoint declares for a status, typed (a schema of the type) or a file (a string, binary unless text).</summary>
    private static async Task AddDeclaredContentAsync(OpenApiResponses responses, IList<object> metadata, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var declared in metadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (!declared.ContentTypes.Any()) continue;
            var key = declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!responses.TryGetValue(key, out var existing))
                responses[key] = existing = new OpenApiResponse { Description = ReasonPhrase(declared.StatusCode) };
            if (existing is not OpenApiResponse response) continue;
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var contentType in declared.ContentTypes)
            {
                if (response.Content.ContainsKey(contentType)) continue;
                var typed = declared.Type is not null && declared.Type != typeof(void) && declared.Type != typeof(string);
                response.Content[contentType] = new OpenApiMediaType
                {
                    Schema = typed ? await SchemaAsync(context, declared.Type!, ct).ConfigureAwait(false) : FileSchema(contentType),
                };
            }
        }
    }

    private static OpenApiSchema FileSchema(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.StartsWith("application/sdp", StringComparison.Ordinal) ||
        contentType.StartsWith("application/trickle-ice-sdpfrag", StringComparison.Ordinal)
            ? new OpenApiSchema { Type = JsonSchemaType.String }
            : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };

    /// <summary>A reference to the component schema of <paramref name="type"/>, registering it on first use (a collection stays inline).</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken ct)
    {
        var document = context.Document;
        var schema = await context.GetOrCreateSchemaAsync(type, null, ct).ConfigureAwait(false);
        if (document is null || type.IsGenericType || type.IsArray) return schema;
        var id = OpenApiSchemaIds.For(type, type.Name)!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(id)) document.AddComponent(id, schema);
        return new OpenApiSchemaReference(id, document);
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
