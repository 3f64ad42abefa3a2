namespace Classroom.MediaRelay.Rooms;

/// <summary>A room's forwarding, loss-recovery and keyframe counters (interlocked; read by the metrics endpoint).</summary>
internal sealed class RoomCounters
{
    private long _packets;
    private long _bytes;
    private long _nacksReceived;
    private long _retransmitted;
    private long _retransmitMisses;
    private long _nacksSent;
    private long _keyframeRequests;
    private long _queueSkips;

    /// <summary>RTP packets sent to players (live, cached picture group and retransmissions).</summary>
    public long Packets => Interlocked.Read(ref _packets);

    /// <summary>Plain RTP bytes of those packets (before the SRTP tag).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Generic NACK packets received from players.</summary>
    public long NacksReceived => Interlocked.Read(ref _nacksReceived);

    /// <summary>Packets resent to players from the retransmission cache.</summary>
    public long Retransmitted => Interlocked.Read(ref _retransmitted);

    /// <summary>Sequence numbers players asked for that were no longer (or never) cached.</summary>
    public long RetransmitMisses => Interlocked.Read(ref _retransmitMisses);

    /// <summary>NACK packets the relay sent to the publisher for its own losses.</summary>
    public long NacksSent => Interlocked.Read(ref _nacksSent);

    /// <summary>PLI/FIR received from players.</summary>
    public long KeyframeRequests => Interlocked.Read(ref _keyframeRequests);

    /// <summary>Times a player fell further behind than the queue bound and skipped to the next keyframe.</summary>
    public long QueueSkips => Interlocked.Read(ref _queueSkips);

    public void OnQueueSkip() => Interlocked.Increment(ref _queueSkips);

    public void OnSent(int packets, long bytes)
    {
        Interlocked.Add(ref _packets, packets);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void OnNackReceived() => Interlocked.Increment(ref _nacksReceived);
    public void OnRetransmitted() => Interlocked.Increment(ref _retransmitted);
    public void OnRetransmitMiss() => Interlocked.Increment(ref _retransmitMisses);
    public void OnNackSent() => Interlocked.Increment(ref _nacksSent);
    public void OnKeyframeRequest() => Interlocked.Increment(ref _keyframeRequests);
}
