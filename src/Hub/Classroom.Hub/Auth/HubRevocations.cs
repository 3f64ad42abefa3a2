using System.Collections.Concurrent;
using Classroom.Contracts.Access;
using Microsoft.AspNetCore.SignalR;

namespace Classroom.Hub.Auth;

/// <summary>
/// Ends the hub connections a revoked right allowed (a device revoked, a stage token withdrawn):
/// every live connection is registered with its token's subject, id and lesson; a matching
/// <see cref="Revocation"/> aborts it, and the authentication handler refuses the token from then on.
/// </summary>
public sealed class HubRevocations(Revocations revocations, TimeProvider time) : IHostedService
{
    private readonly ConcurrentDictionary<string, (HubCaller Caller, HubCallerContext Context)> _connections = new(StringComparer.Ordinal);
    private IDisposable? _subscription;

    public void Track(HubCallerContext context, HubCaller caller)
    {
        _connections[context.ConnectionId] = (caller, context);
        // The token was checked when the connection authenticated, but the hub tracks it only after
        // OnConnectedAsync has read the lesson; a revocation published in between found nothing to
        // abort. Publish records a revocation before it notifies, so checking after registering
        // leaves no gap: either this check or OnRevoked sees the other.
        var t = caller.Token;
        if (revocations.IsRevoked(t.Subject, t.TokenId, t.LessonId, time.GetUtcNow())) context.Abort();
    }

    public void Forget(string connectionId) => _connections.TryRemove(connectionId, out _);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = revocations.Subscribe(OnRevoked);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void OnRevoked(Revocation r)
    {
        foreach (var (_, (caller, context)) in _connections)
        {
            var t = caller.Token;
            var byId = r.TokenId is not null && r.TokenId == t.TokenId;
            var bySubject = r.Subject is not null && r.Subject == t.Subject && (r.LessonId is null || r.LessonId == t.LessonId);
            if (byId || bySubject) context.Abort();
        }
    }
}
