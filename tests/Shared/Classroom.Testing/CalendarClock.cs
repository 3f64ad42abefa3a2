using Microsoft.Extensions.Time.Testing;

namespace Classroom.Testing;

/// <summary>
/// A test host's clock: the calendar time (<see cref="TimeProvider.GetUtcNow"/>) is fake and moves
/// only when a test moves it, but timestamps for measuring elapsed time are the real monotonic
/// clock. ASP.NET Core (SignalR's handshake and client-timeout checks) takes the host's
/// TimeProvider too and runs its checks on real timers; with a frozen fake timestamp those checks
/// misjudged live connections and closed them at random.
/// </summary>
public sealed class CalendarClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public override long GetTimestamp() => global::System.Diagnostics.Stopwatch.GetTimestamp();

    public override long TimestampFrequency => global::System.Diagnostics.Stopwatch.Frequency;
}
