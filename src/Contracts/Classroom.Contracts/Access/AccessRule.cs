namespace Classroom.Contracts.Access;

/// <summary>
/// Endpoint metadata: the caller needs <paramref name="Permission"/> on the resource named by the
/// route value <paramref name="RouteParameter"/> (or the county when null). One authorization layer
/// reads it for every endpoint; an endpoint without an <see cref="AccessRule"/>,
/// <see cref="SignedInEndpoint"/> or <see cref="PublicEndpoint"/> is refused (and fails the negative matrix).
/// </summary>
public sealed record AccessRule(Permission Permission, ResourceKind Kind, string? RouteParameter = "id");

/// <summary>Endpoint metadata: any signed-in person or device; the handler serves only the caller's own data.</summary>
public sealed record SignedInEndpoint(string Why);

/// <summary>Endpoint metadata: no sign-in (sign-in itself, device pairing, health, the lesson token's own checks). Says why.</summary>
public sealed record PublicEndpoint(string Why);

/// <summary>HttpContext.Items keys the authorization layer fills for handlers.</summary>
public static class AccessItems
{
    /// <summary>The <see cref="ResourceScope"/> the endpoint's <see cref="AccessRule"/> resolved to.</summary>
    public const string Scope = "classroom.resource-scope";
}
