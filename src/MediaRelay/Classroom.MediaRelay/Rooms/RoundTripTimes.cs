using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// A player's round-trip time (RFC 3550 §6.4.1): the relay remembers when it sent each sender
/// report (by the middle 32 bits of its NTP time, the LSR the player echoes); a receiver report
/// block naming that LSR gives RTT = now − sent − DLSR. The publisher's NTP times are passed on
/// unchanged, so the relay's own send time, not the NTP clock, is the reference.
/// </summary>
internal sealed class RoundTripTimes
{
    private const int Remembered = 8;
    private readonly Lock _gate = new();
    private readonly uint[] _lsr = new uint[Remembered];
    private readonly long[] _sentTicks = new long[Remembered];
    private int _next;

    public void OnSenderReportSent(ulong ntp, long nowTicks)
    {
        lock (_gate)
        {
            _lsr[_next] = (uint)(ntp >> 16);
            _sentTicks[_next] = nowTicks;
            _next = (_next + 1) % Remembered;
        }
    }

    /// <summary>Reads the receiver reports in a player's compound RTCP and updates its RTT.</summary>
    public void OnRtcp(ReadOnlySpan<byte> compound, SessionCounters counters, long nowTicks)
    {
        var reader = new RtcpCompoundReader(compound);
        while (reader.TryReadNext(out var packet))
        {
            if (!RtcpReceiverReport.TryRead(packet, out var rr)) continue;
            for (var i = 0; i < rr.ReportCount; i++)
            {
                var block = rr.GetReportBlock(i);
                if (block.LastSenderReport == 0 || !TryFind(block.LastSenderReport, out var sent)) continue;
                var rtt = nowTicks - sent - (block.DelaySinceLastSenderReport * TimeSpan.TicksPerSecond / 65536);
                if (rtt >= 0) counters.OnRoundTrip(TimeSpan.FromTicks(rtt));
            }
        }
    }

    private bool TryFind(uint lsr, out long sentTicks)
    {
        lock (_gate)
        {
            for (var i = 0; i < Remembered; i++)
            {
                if (_lsr[i] != lsr || _sentTicks[i] == 0) continue;
                sentTicks = _sentTicks[i];
                return true;
            }
        }

        sentTicks = 0;
        return false;
    }
}
