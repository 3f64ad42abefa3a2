namespace Classroom.Contracts.Api;

/// <summary>
/// Endpoint metadata for the OpenAPI document (docs/api.md): a POST, PUT or PATCH that takes no
/// body says why (the route and the caller say everything), so a client generator and the
/// document test (OpenApiDocumentTests) know the missing body is deliberate.
/// </summary>
public sealed record NoRequestBody(string Why);

/// <summary>
/// Endpoint metadata for the OpenAPI document: an operation that cannot fail with a 4xx (it reads
/// nothing from the caller it could refuse) says why, instead of listing an error it never gives.
/// </summary>
public sealed record NoClientError(string Why);

/// <summary>
/// Endpoint metadata for the OpenAPI document: the operation reads its body itself as this content
/// type (WHIP/WHEP SDP). Unlike <c>Accepts</c>, it does not take part in routing, so a wrong
/// Content-Type still reaches the handler and gets its problem details (415), not an empty answer.
/// </summary>
public sealed record RawRequestBody(string ContentType, string Description);
