using System.Collections.Concurrent;
using System.Security.Cryptography;
using Classroom.Contracts.Tokens;

namespace Classroom.Hub.Auth;

/// <summary>
/// Browsers cannot put headers on a WebSocket upgrade, so SignalR carries its access token in the
/// URL (where proxies log it). Instead of the join token, a page sends a ticket: random, valid for
/// <see cref="Lifetime"/>, standing for the join token it was exchanged for (POST
/// /hub/lesson/ticket with the join token in the Authorization header). The connection itself
/// still ends when the join token expires. Tickets live in this node's memory: negotiate and
/// connect reach the same node (sticky sessions, which SignalR needs anyway).
/// </summary>
public sealed class HubTickets(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (JoinTokenClaims Claims, string Raw, DateTimeOffset Until)> _tickets = new(StringComparer.Ordinal);

    public const string Prefix = "tk_";

    public static bool IsTicket(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Issue(JoinTokenClaims claims, string rawToken)
    {
        var now = time.GetUtcNow();
        foreach (var (key, value) in _tickets)
            if (value.Until < now) _tickets.TryRemove(key, out _);
        var ticket = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        _tickets[ticket] = (claims, rawToken, now + Lifetime);
        return ticket;
    }

    public bool TryRedeem(string ticket, out JoinTokenClaims? claims, out string? rawToken)
    {
        claims = null;
        rawToken = null;
        if (!_tickets.TryGetValue(ticket, out var entry) || entry.Until < time.GetUtcNow()) return false;
        (claims, rawToken) = (entry.Claims, entry.Raw);
        return true;
    }
}
