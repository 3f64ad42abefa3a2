using Classroom.MediaRelay.Protocols.Rtcp;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Reception statistics for one publisher stream, enough for a receiver report block
/// (RFC 3550 §6.4.1, sequence tracking after Appendix A.1): extended highest sequence, cumulative
/// and interval loss, and LSR/DLSR so the publisher can measure its round-trip time. Chromium's
/// loss-based rate control only raises the bitrate when such reports say there is no loss.
/// </summary>
internal sealed class ReceptionStats
{
    private readonly Lock _gate = new();
    private uint _ssrc;
    private bool _started;
    private ushort _maxSeq;
    private uint _cycles;
    private uint _baseSeq;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private uint _lastSr;
    private long _lastSrTicks;

    public void OnPacket(uint ssrc, ushort seq)
    {
        lock (_gate)
        {
            if (!_started || ssrc != _ssrc)
            {
                _ssrc = ssrc;
                _started = true;
                _baseSeq = seq;
                _maxSeq = seq;
                _cycles = 0;
                _received = _expectedPrior = _receivedPrior = 0;
            }
            else if ((ushort)(seq - _maxSeq) is > 0 and < 0x8000)
            {
                if (seq < _maxSeq) _cycles += 0x10000; // wrapped
                _maxSeq = seq;
            }

            _received++;
        }
    }

    /// <summary>Remembers the publisher's last SR (middle 32 bits of its NTP time) and when it came.</summary>
    public void OnSenderReport(uint ssrc, ulong ntp, long nowTicks)
    {
        lock (_gate)
        {
            if (!_started || ssrc != _ssrc) return;
            _lastSr = (uint)(ntp >> 16);
            _lastSrTicks = nowTicks;
        }
    }

    public uint Ssrc
    {
        get { lock (_gate) return _ssrc; }
    }

    /// <summary>The report block for the interval since the last call; false before any packet.</summary>
    public bool TryBuildBlock(long nowTicks, out RtcpReportBlock block)
    {
        lock (_gate)
        {
            block = default;
            if (!_started) return false;
            var extendedMax = _cycles + _maxSeq;
            var expected = (long)extendedMax - _baseSeq + 1;
            var lost = expected - _received;
            var expectedInterval = expected - _expectedPrior;
            var lostInterval = expectedInterval - (_received - _receivedPrior);
            _expectedPrior = expected;
            _receivedPrior = _received;
            var fraction = expectedInterval <= 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
            var dlsr = _lastSrTicks == 0 ? 0u : (uint)Math.Min(uint.MaxValue, (nowTicks - _lastSrTicks) * 65536 / TimeSpan.TicksPerSecond);
            block = new RtcpReportBlock(_ssrc, fraction, (int)Math.Clamp(lost, -0x800000, 0x7FFFFF), (uint)extendedMax, 0, _lastSr, dlsr);
            return true;
        }
    }
}
