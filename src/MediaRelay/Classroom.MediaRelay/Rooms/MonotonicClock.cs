namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// The media path's time base for intervals: the monotonic timestamp in <see cref="TimeSpan"/>
/// ticks. Keyframe-request throttles and retries, and the layer selectors' hold-downs, measure how
/// long ago something happened; the calendar time (<see cref="TimeProvider.GetUtcNow"/>) can step
/// (an NTP correction on a school's server, a test's frozen calendar), and a step back would
/// stop every keyframe request until the calendar caught up again (docs/relay.md "Clocks").
/// </summary>
internal static class MonotonicClock
{
    public static long MonotonicTicks(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var frequency = time.TimestampFrequency;
        var timestamp = time.GetTimestamp();
        // Split to avoid overflow: whole seconds, then the remainder scaled.
        return (timestamp / frequency * TimeSpan.TicksPerSecond) + (timestamp % frequency * TimeSpan.TicksPerSecond / frequency);
    }
}
