namespace Classroom.MediaRelay.Transport;

/// <summary>
/// Relay-wide counters (never a log line per packet). Interlocked so every loop can bump them;
/// read for tests, stats and the load tool.
/// </summary>
public sealed class RelayCounters
{
    private long _received;
    private long _dropped;
    private long _stunHandled;
    private long _forwarded;
    private long _unprotectFailed;
    private long _tcpRefused;
    private long _tcpUnauthenticated;

    public long Received => Interlocked.Read(ref _received);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long StunHandled => Interlocked.Read(ref _stunHandled);
    public long Forwarded => Interlocked.Read(ref _forwarded);
    public long UnprotectFailed => Interlocked.Read(ref _unprotectFailed);

    /// <summary>ICE-TCP connections closed at accept: over the per-address or the relay-wide bound.</summary>
    public long TcpRefused => Interlocked.Read(ref _tcpRefused);

    /// <summary>ICE-TCP connections closed because no authenticated STUN check came before the deadline.</summary>
    public long TcpUnauthenticated => Interlocked.Read(ref _tcpUnauthenticated);

    public void OnReceived() => Interlocked.Increment(ref _received);
    public void OnDropped() => Interlocked.Increment(ref _dropped);
    public void OnStun() => Interlocked.Increment(ref _stunHandled);
    public void OnForwarded() => Interlocked.Increment(ref _forwarded);
    public void OnForwarded(long packets) => Interlocked.Add(ref _forwarded, packets);
    public void OnUnprotectFailed() => Interlocked.Increment(ref _unprotectFailed);
    public void OnTcpRefused() => Interlocked.Increment(ref _tcpRefused);
    public void OnTcpUnauthenticated() => Interlocked.Increment(ref _tcpUnauthenticated);
}
