using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace Classroom.Server.Hosting;

/// <summary>
/// Component names of the OpenAPI document. The generator names a schema after its type alone, so
/// two request records of the same name nested in different endpoint classes (AuthEndpoints.EnrolRequest,
/// DeviceEndpoints.EnrolRequest) shared one component and one of them was described wrongly. A type
/// nested in an <c>…Endpoints</c> class is named with that class's prefix (DeviceEnrolRequest).
/// </summary>
internal static class OpenApiSchemaIds
{
    public static string? Create(JsonTypeInfo info) => For(info.Type, OpenApiOptions.CreateDefaultSchemaReferenceId(info));

    /// <summary>The component name of <paramref name="type"/> given the generator's <paramref name="defaultId"/> (null: inline).</summary>
    public static string? For(Type type, string? defaultId)
    {
        if (defaultId is null || type.DeclaringType is not { } owner || !owner.Name.EndsWith("Endpoints", StringComparison.Ordinal)) return defaultId;
        return owner.Name[..^"Endpoints".Length] + defaultId;
    }
}
