namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// 64-bit NTP timestamps as RTCP carries them (RFC 3550 §4: seconds since 1900-01-01 in the high
/// word, binary fraction in the low word) and the round-trip time a sender derives from a report
/// block (§6.4.1: RTT = A − LSR − DLSR, all in the "middle 32 bits" unit of 1/65536 s).
/// Callers pass times from an injected TimeProvider; nothing here reads the clock.
/// </summary>
public static class NtpTime
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Converts a wall-clock time to a 64-bit NTP timestamp.</summary>
    public static ulong FromDateTimeOffset(DateTimeOffset time)
    {
        long ticks = (time - Epoch).Ticks;
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong fraction = ((ulong)(ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>Converts a 64-bit NTP timestamp back (era 0, i.e. before 2036-02-07).</summary>
    public static DateTimeOffset ToDateTimeOffset(ulong ntp)
    {
        long seconds = (long)(ntp >> 32);
        long fractionTicks = (long)(((ntp & 0xFFFF_FFFF) * TimeSpan.TicksPerSecond) >> 32);
        return Epoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + fractionTicks);
    }

    /// <summary>The middle 32 bits, which report blocks echo as LSR.</summary>
    public static uint Middle32(ulong ntp) => (uint)(ntp >> 16);

    /// <summary>
    /// Round-trip time from a report block received at NTP time <paramref name="arrival"/>;
    /// null when LSR is 0 (no SR received yet) or the arithmetic goes negative (clock skew).
    /// </summary>
    public static TimeSpan? RoundTripTime(ulong arrival, uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        if (lastSenderReport == 0)
        {
            return null;
        }

        long units = (long)Middle32(arrival) - lastSenderReport - delaySinceLastSenderReport;
        if (units < 0)
        {
            units += 1L << 32; // the middle-32 clock wraps every 18 hours
        }

        return units >= 1L << 31 ? null : TimeSpan.FromTicks(units * TimeSpan.TicksPerSecond / 65536);
    }
}
