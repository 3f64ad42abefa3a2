using System.Security.Claims;

namespace Classroom.Contracts.Access;

/// <summary>Claim types every component reads from the signed-in principal (cookie, personal access token or device credential).</summary>
public static class AccessClaims
{
    /// <summary>Stable subject: "person:{id}" or "device:{id}".</summary>
    public const string Subject = "classroom:sub";

    /// <summary>Display name for audit rows and pages.</summary>
    public const string Name = "classroom:name";

    /// <summary>One claim per <see cref="Grant"/>, in <see cref="Grant.ToClaimValue"/> form.</summary>
    public const string Grant = "classroom:grant";

    /// <summary>How the caller proved who they are: "cookie", "pat" or "device".</summary>
    public const string Method = "classroom:amr";

    public static string? SubjectOf(ClaimsPrincipal? user) => user?.FindFirst(Subject)?.Value;

    public static string NameOf(ClaimsPrincipal? user) => user?.FindFirst(Name)?.Value ?? SubjectOf(user) ?? "anonymous";

    public static IReadOnlyList<Grant> GrantsOf(ClaimsPrincipal? user)
    {
        if (user is null) return [];
        var list = new List<Grant>();
        foreach (var claim in user.FindAll(Grant))
            if (Access.Grant.TryParse(claim.Value, out var g)) list.Add(g!);
        return list;
    }

    public static bool IsDevice(ClaimsPrincipal? user) => SubjectOf(user)?.StartsWith("device:", StringComparison.Ordinal) == true;
}
