namespace Classroom.MediaRelay.Sessions;

/// <summary>
/// One session's media counters for the metrics endpoint (interlocked: a player is sent to from
/// the publisher's loop and answered on its own RTCP loop). RTT comes from the player's receiver
/// reports against the sender reports the relay sent it (RFC 3550 §6.4.1 LSR/DLSR).
/// </summary>
internal sealed class SessionCounters
{
    private long _packets;
    private long _bytes;
    private long _nacksReceived;
    private long _retransmitted;
    private long _keyframeRequests;
    private long _rttMicros = -1;
    private long _fractionLost = -1;
    private long _cumulativeLost;

    public long Packets => Interlocked.Read(ref _packets);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long NacksReceived => Interlocked.Read(ref _nacksReceived);
    public long Retransmitted => Interlocked.Read(ref _retransmitted);
    public long KeyframeRequests => Interlocked.Read(ref _keyframeRequests);

    /// <summary>Last measured round-trip time in seconds, or null before the first measurement.</summary>
    public double? RoundTripSeconds => Interlocked.Read(ref _rttMicros) is var us and >= 0 ? us / 1e6 : null;

    public void OnSent(int bytes)
    {
        Interlocked.Increment(ref _packets);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void OnNack() => Interlocked.Increment(ref _nacksReceived);
    public void OnRetransmitted() => Interlocked.Increment(ref _retransmitted);
    public void OnKeyframeRequest() => Interlocked.Increment(ref _keyframeRequests);
    /// <summary>Loss the player reported for its video in its last receiver report (0–1), null before the first.</summary>
    public double? FractionLost => Interlocked.Read(ref _fractionLost) is var f and >= 0 ? f / 256.0 : null;

    /// <summary>Packets the player reported as never received (cumulative, after retransmissions).</summary>
    public long CumulativeLost => Interlocked.Read(ref _cumulativeLost);

    public void OnReceiverReport(byte fractionLost, int cumulativeLost)
    {
        Interlocked.Exchange(ref _fractionLost, fractionLost);
        Interlocked.Exchange(ref _cumulativeLost, cumulativeLost);
    }

    public void OnRoundTrip(TimeSpan rtt) => Interlocked.Exchange(ref _rttMicros, (long)rtt.TotalMicroseconds);
}
