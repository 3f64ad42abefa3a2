namespace Classroom.Contracts.Access;

/// <summary>
/// A right that ended before its tokens expired: a device revoked (subject "device:{id}"), a room
/// taken off stage (its stage token id). Holders close the live sessions it allowed and refuse its
/// tokens until <paramref name="Until"/> (the longest such token's expiry).
/// </summary>
public sealed record Revocation(string? Subject, string? TokenId, string? LessonId, DateTimeOffset Until, string Reason);

/// <summary>
/// In-process publish/subscribe of <see cref="Revocation"/>s between the roles of one process (the
/// all-in-one server). Also remembers them, so a token presented later is refused too.
/// </summary>
public sealed class Revocations
{
    private readonly Lock _gate = new();
    private readonly List<Revocation> _active = [];
    private Action<Revocation>[] _subscribers = [];

    public void Publish(Revocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        Action<Revocation>[] subscribers;
        lock (_gate)
        {
            _active.Add(revocation);
            subscribers = _subscribers;
        }

        foreach (var s in subscribers) s(revocation);
    }

    public IDisposable Subscribe(Action<Revocation> onRevoked)
    {
        lock (_gate) _subscribers = [.. _subscribers, onRevoked];
        return new Unsubscriber(this, onRevoked);
    }

    /// <summary>True when a revocation still in force covers this token (by id, or by subject within the lesson or everywhere).</summary>
    public bool IsRevoked(string? subject, string? tokenId, string? lessonId, DateTimeOffset now)
    {
        lock (_gate)
        {
            _active.RemoveAll(r => r.Until < now);
            foreach (var r in _active)
            {
                if (r.TokenId is not null && tokenId is not null && string.Equals(r.TokenId, tokenId, StringComparison.Ordinal)) return true;
                if (r.Subject is not null && string.Equals(r.Subject, subject, StringComparison.Ordinal) &&
                    (r.LessonId is null || string.Equals(r.LessonId, lessonId, StringComparison.Ordinal))) return true;
            }

            return false;
        }
    }

    private sealed class Unsubscriber(Revocations owner, Action<Revocation> action) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate) owner._subscribers = [.. owner._subscribers.Where(s => s != action)];
        }
    }
}
