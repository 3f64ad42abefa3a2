namespace Classroom.Hub.Broadcast;

/// <summary>
/// Tells the broadcaster that the Redis connection came back. Messages published while it was
/// down (or before the other nodes re-subscribed) are gone — the backplane is at-most-once — so
/// every lesson with clients on this node is told to resync.
/// </summary>
public sealed class BackplaneEvents
{
    public event Action? Restored;

    public void OnRestored() => Restored?.Invoke();
}
