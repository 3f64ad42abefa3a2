namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// abs-send-time (webrtc.org experiments/rtp-hdrext/abs-send-time): the send time as 24-bit
/// 6.18 fixed-point seconds, wrapping every 64 s. The receiver only uses differences between
/// packets (REMB's inter-arrival filter), so any monotonic clock will do as the origin.
/// </summary>
public static class AbsSendTime
{
    private const long WrapTicks = 64 * TimeSpan.TicksPerSecond;

    /// <summary>
    /// The 24-bit value for <paramref name="ticks"/> (100 ns units, e.g. <see cref="DateTimeOffset.UtcTicks"/>
    /// or a <see cref="TimeSpan"/>'s ticks). No overflow for any input: the seconds are taken
    /// modulo 64 before shifting.
    /// </summary>
    public static uint From(long ticks)
    {
        long wrapped = ticks % WrapTicks;
        if (wrapped < 0)
        {
            wrapped += WrapTicks;
        }

        long seconds = wrapped / TimeSpan.TicksPerSecond;
        long fraction = wrapped % TimeSpan.TicksPerSecond;
        return (uint)((seconds << 18) | ((fraction << 18) / TimeSpan.TicksPerSecond)) & 0xFFFFFF;
    }
}
