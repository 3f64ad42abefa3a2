using Classroom.LoadTool.Stream;
using Classroom.MediaRelay.Protocols.Demux;
using Classroom.MediaRelay.Protocols.Rtcp;

namespace Classroom.LoadTool.Publishing;

/// <summary>
/// Keyframe requests that reach the publisher (RFC 4585 §6.3.1 PLI, RFC 5104 §4.3.1 FIR), counted
/// per whole second of the run, so "at most one a second reaches the studio" can be checked.
/// </summary>
public sealed class KeyframeRequestLog(long startNanos, int maxSeconds)
{
    private readonly long[] _perSecond = new long[Math.Max(1, maxSeconds)];
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public long MaxPerSecond => _perSecond.Length == 0 ? 0 : _perSecond.Max();

    /// <summary>RelayClient observer for the publisher: true when the compound carried a request.</summary>
    public bool OnRtcp(PacketKind kind, ReadOnlySpan<byte> packet)
    {
        if (kind != PacketKind.Rtcp) return false;
        var found = false;
        var reader = new RtcpCompoundReader(packet);
        for (var i = 0; i < 32 && reader.TryReadNext(out var rtcp); i++)
        {
            if (rtcp.PacketType == RtcpPacketType.PayloadFeedback &&
                rtcp.Format is RtcpFeedbackFormat.PictureLossIndication or RtcpFeedbackFormat.FullIntraRequest)
                found = true;
        }

        if (!found) return false;
        Interlocked.Increment(ref _total);
        var second = (SendStamp.NowNanos() - startNanos) / 1_000_000_000;
        if (second >= 0 && second < _perSecond.Length) Interlocked.Increment(ref _perSecond[second]);
        return true;
    }
}
