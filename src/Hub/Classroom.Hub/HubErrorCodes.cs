using Microsoft.AspNetCore.SignalR;

namespace Classroom.Hub;

/// <summary>
/// Stable error codes. A hub call fails with a <see cref="HubException"/> whose message is
/// "code: detail"; clients switch on the code (docs/hub.md). Only "unavailable" and
/// "rate_limited" are worth retrying unchanged.
/// </summary>
public static class HubErrorCodes
{
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate_limited";
    public const string TooLarge = "too_large";
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string Unavailable = "unavailable";

    internal static HubException Error(string code, string detail) => new(code + ": " + detail);
}
