using System.Net;

namespace Classroom.MediaRelay.Sessions;

/// <summary>
/// Who created a session: the join token's subject (who owns the resource and whose caps it counts
/// against), the token's id (jti, so a revoked token ends what it opened) and the client address
/// (the real client once the server's forwarded-headers middleware ran).
/// </summary>
public sealed record SessionOwner(string Subject, string? TokenId = null, string? Address = null)
{
    /// <summary>The address as one key per client: IPv4-mapped IPv6 counts as the IPv4 address.</summary>
    public static string? AddressKey(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
