namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// At most one keyframe request to the publisher per interval however many viewers ask
/// (ARCHITECTURE.md "Quality on weak links"). A request refused by the throttle is remembered and
/// sent as soon as the interval has passed, so a viewer joining right after another still gets one.
/// </summary>
internal sealed class KeyframeRequestThrottle(TimeProvider time, TimeSpan interval)
{
    private long _lastSentTicks = long.MinValue / 2;
    private int _pending;

    /// <summary>Registers a request; <see cref="TryTakePending"/> says when it may go out.</summary>
    public void MarkPending() => Volatile.Write(ref _pending, 1);

    /// <summary>True when a remembered request may go out now (checked as publisher packets arrive).</summary>
    public bool TryTakePending()
    {
        if (Volatile.Read(ref _pending) == 0) return false;
        var now = time.MonotonicTicks(); // not the calendar: a clock stepped back would stop every request
        var last = Interlocked.Read(ref _lastSentTicks);
        if (now - last < interval.Ticks) return false;
        if (Interlocked.CompareExchange(ref _lastSentTicks, now, last) != last) return false;
        Volatile.Write(ref _pending, 0);
        return true;
    }
}
