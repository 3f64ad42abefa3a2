namespace Classroom.MediaRelay.Sessions;

/// <summary>
/// Consent freshness for a lite agent (RFC 7675 §5.1): the browser keeps sending Binding requests
/// every ~5 s; a session that has had no authenticated check for the timeout (30 s) is closed —
/// also one whose peer never started ICE. <see cref="Sweep"/> is driven by a timer on the injected
/// <see cref="TimeProvider"/>, so tests advance a fake clock.
/// </summary>
internal sealed class ConsentMonitor(SessionRegistry sessions, TimeProvider time, TimeSpan timeout) : IDisposable
{
    private ITimer? _timer;

    public void Start() => _timer = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    /// <summary>Closes every session whose consent expired; returns how many.</summary>
    public int Sweep()
    {
        var now = time.GetTimestamp();
        var closed = 0;
        foreach (var session in sessions.All)
        {
            if (!session.ConsentExpired(now, timeout)) continue;
            session.Close("consent expired (no ICE check for " + timeout.TotalSeconds + " s)");
            closed++;
        }

        return closed;
    }

    public void Dispose() => _timer?.Dispose();
}
