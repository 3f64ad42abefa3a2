using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Sends producers' packets to a share of the consumers: for each of its consumers, every packet
/// between the consumer's cursor and its producer's ring head that it should get (its tracks, its
/// layer, audio when live) is copied once into the next slot of a <see cref="UdpBatch"/>, rewritten
/// (PT, SSRC, sequence, timestamp, header extensions) for the sink's track, protected by the sink
/// (SRTP for a player), and the batch goes out with one <c>sendmmsg</c> per 64 datagrams. A dedicated thread, woken when a publisher packet lands; no
/// await, no allocation per packet. A feed more than <see cref="FanOutOptions.MaxQueuedPackets"/>
/// behind skips to live and waits for a keyframe instead of growing its delay; a catching-up feed
/// (a joiner replaying the picture group) is paced so the burst fits a player's socket buffer.
/// </summary>
internal sealed class FanOutWorker : IDisposable
{
    /// <summary>Packets one feed gets per round, so a joiner's replay never holds the others up.</summary>
    private const int MaxPerRound = 128;

    private readonly FanOutOptions _options;
    private readonly RelayCounters _counters;
    private readonly TimeProvider _time;
    private readonly UdpBatch _batch;
    private readonly byte[] _scratch = GC.AllocateUninitializedArray<byte>(UdpBatch.SlotSize, pinned: true);
    private readonly ManualResetEventSlim _wake = new(false, 1);
    private readonly Lock _gate = new();
    private readonly Thread? _thread;
    private Consumer[] _feeds = [];
    private volatile bool _stopping;

    public FanOutWorker(FanOutOptions options, RelayCounters counters, TimeProvider time, string? threadName)
    {
        _options = options;
        _counters = counters;
        _time = time;
        _batch = new UdpBatch(counters);
        Delay = new FanOutDelay(time.TimestampFrequency);
        if (threadName is null) return;
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    public int FeedCount => Volatile.Read(ref _feeds).Length;

    /// <summary>Datagrams sent and sendmmsg calls made (batching efficiency).</summary>
    public long Sent => _batch.Sent;

    public long Calls => _batch.Calls;

    /// <summary>Arrival → handed to the kernel, per delivered packet (this worker's thread writes it).</summary>
    public FanOutDelay Delay { get; }

    public void Add(Consumer feed)
    {
        lock (_gate) _feeds = [.. _feeds, feed];
        feed.Worker = this;
    }

    public void Remove(Consumer feed)
    {
        feed.Closed = true;
        lock (_gate) _feeds = Array.FindAll(_feeds, f => !ReferenceEquals(f, feed));
    }

    /// <summary>A publisher packet landed (cheap when the worker is already awake).</summary>
    public void Wake() => _wake.Set();

    private void Run()
    {
        var budget = new RealtimeBudget(_options.RealtimePriority, System.Diagnostics.Stopwatch.Frequency, System.Diagnostics.Stopwatch.GetTimestamp());
        var backlog = false;
        while (!_stopping)
        {
            // A backlog (paced catch-up) is served again within a millisecond; otherwise sleep until woken.
            _wake.Wait(backlog ? 1 : 200);
            _wake.Reset();
            try
            {
                backlog = RunRound();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug hit by one packet must not stop forwarding to everyone on this worker.
                _counters.OnDropped();
                backlog = false;
            }

            budget.Check(System.Diagnostics.Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Serves every feed once and flushes the batch; true when some feed still has packets waiting.</summary>
    public bool RunRound()
    {
        if (_stopping) return false;
        var feeds = Volatile.Read(ref _feeds);
        var now = _time.GetTimestamp();
        var sendTicks = _time.GetUtcNow().UtcTicks; // abs-send-time: a round takes a few ms at most, once per round is enough
        var ticks = _time.MonotonicTicks(); // keyframe retries and layer switches: intervals, never the calendar
        var backlog = false;
        var forwarded = 0L;
        for (var i = 0; i < feeds.Length; i++)
        {
            var feed = feeds[i];
            if (feed.Closed) continue;
            backlog |= Serve(feed, now, sendTicks, ticks, ref forwarded);
        }

        _batch.Flush();
        if (forwarded > 0) _counters.OnForwarded(forwarded);
        return backlog;
    }

    private bool Serve(Consumer feed, long now, long sendTicks, long ticks, ref long forwarded)
    {
        var binding = feed.Binding;
        if (!ReferenceEquals(binding, feed.Served)) TakeOver(feed, binding);
        if (binding is null) return false;
        var producer = binding.Producer;
        var ring = producer.Ring;
        var head = ring.Head;
        var cursor = feed.Cursor;
        if (cursor >= head) return false;
        if (head - cursor > _options.MaxQueuedPackets || !ring.IsRetained(cursor))
        {
            SkipToLive(feed, producer, head);
            return false;
        }

        var sink = feed.Sink;
        var path = sink.Path;
        if (path is null || !sink.IsReady)
        {
            feed.Cursor = head;
            return false;
        }

        var batch = path as IBatchablePath;
        var sent = 0;
        var bytes = 0L;
        while (cursor < head && sent < MaxPerRound)
        {
            var entry = ring.EntryAt(cursor);
            if (!ring.Confirm(cursor))
            {
                SkipToLive(feed, producer, head);
                cursor = head;
                break;
            }

            // Only a joiner replaying its picture group is paced and skips old audio; a live consumer
            // that lags because the worker was busy gets everything (up to the queue bound).
            var catchingUp = feed.CatchingUp;
            if (catchingUp && head - cursor <= _options.LiveWindow) catchingUp = feed.CatchingUp = false;
            var track = feed.TrackFor(entry);
            if (track is not null && Wants(feed, producer, entry, catchingUp, ticks))
            {
                if (catchingUp && !TryTakeTokens(feed, entry.Length, now)) break; // paced: the rest next round
                var length = Send(feed, producer, track, entry, cursor, batch, path, sendTicks);
                if (length < 0)
                {
                    SkipToLive(feed, producer, head);
                    cursor = head;
                    break;
                }

                if (length > 0)
                {
                    sent++;
                    bytes += length;
                }
            }

            cursor++;
        }

        feed.Cursor = cursor;
        if (sent > 0)
        {
            forwarded += sent;
            producer.Counters.OnSent(sent, bytes);
        }

        return cursor < head;
    }

    /// <summary>The router bound the consumer to another producer (or none): start over there, on this thread.</summary>
    private static void TakeOver(Consumer feed, ConsumerBinding? binding)
    {
        feed.Served = binding;
        feed.Camera.Reset();
        feed.Second.Reset();
        feed.Tokens = -1;
        feed.Plan.Video?.Outbound.StartReplay(binding?.Camera);
        feed.Plan.SecondVideo?.Outbound.StartReplay(binding?.Second);
        if (binding is null) return;
        feed.Cursor = binding.Start;
        feed.CatchingUp = binding.CatchingUp;
    }

    /// <summary>Whether the consumer gets this packet, moving it between layers on keyframes.</summary>
    private static bool Wants(Consumer feed, Producer producer, in RingEntry entry, bool catchingUp, long nowTicks)
    {
        if (!entry.IsVideo) return !catchingUp; // late audio is useless; video catches up, audio rejoins at live
        var second = entry.Layer == PacketRing.SecondVideoStream;
        var follow = second ? feed.Second : feed.Camera;
        if (!ReferenceEquals(entry.Source, follow.LastSource))
        {
            // A new source (reloaded studio): its stream can only be decoded from a keyframe.
            if (follow.LastSource is not null) follow.WaitingForKeyframe = true;
            follow.LastSource = entry.Source;
        }

        var target = second ? PacketRing.SecondVideoStream : producer.EffectiveLayer(feed.TargetLayer, feed.Sink.MaxLayer);
        if (follow.WaitingForKeyframe || entry.Layer != follow.CurrentLayer)
        {
            if (!entry.KeyframeStart || entry.Layer != target)
            {
                if (target != follow.CurrentLayer || follow.WaitingForKeyframe) AskForKeyframe(follow, producer, target, nowTicks);
                return false;
            }

            follow.WaitingForKeyframe = false;
            if (!second && follow.CurrentLayer != entry.Layer) feed.Selector.OnLayerDelivered(entry.Layer, nowTicks);
            follow.CurrentLayer = entry.Layer;
            follow.CurrentSsrc = entry.Ssrc;
            follow.KeyframeAskedFor = -1;
            return true;
        }

        if (target != follow.CurrentLayer) AskForKeyframe(follow, producer, target, nowTicks);
        return true;
    }

    /// <summary>Once per wanted stream, and again while it does not come (<see cref="VideoFollow.ShouldAskForKeyframe"/>); the producer throttles to one a second per stream.</summary>
    private static void AskForKeyframe(VideoFollow follow, IKeyframeRequests producer, int stream, long nowTicks)
    {
        if (follow.ShouldAskForKeyframe(stream, nowTicks)) producer.RequestKeyframe(stream);
    }

    private static void SkipToLive(Consumer feed, Producer producer, long head)
    {
        feed.Cursor = head;
        feed.Camera.WaitingForKeyframe = true;
        feed.Camera.KeyframeAskedFor = -1;
        feed.Second.WaitingForKeyframe = true;
        feed.Second.KeyframeAskedFor = -1;
        feed.OnSkipped();
        producer.Counters.OnQueueSkip();
    }

    private bool TryTakeTokens(Consumer feed, int bytes, long now)
    {
        var rate = _options.CatchUpBitsPerSecond / 8;
        if (rate <= 0) return true;
        var burst = _options.CatchUpBurstBytes;
        if (feed.Tokens < 0)
        {
            feed.Tokens = burst;
            feed.RefilledAt = now;
        }
        else
        {
            var elapsed = _time.GetElapsedTime(feed.RefilledAt, now);
            var refill = (long)(elapsed.TotalSeconds * rate);
            if (refill > 0)
            {
                feed.Tokens = Math.Min(burst, feed.Tokens + refill);
                feed.RefilledAt = now;
            }
        }

        if (feed.Tokens < bytes) return false;
        feed.Tokens -= bytes;
        return true;
    }

    /// <summary>Rewrites, protects and queues one packet; the plain length sent, 0 when not for this consumer, −1 when the slot was overwritten.</summary>
    private int Send(Consumer feed, Producer producer, NegotiatedTrack track, in RingEntry entry, long position, IBatchablePath? batch, IMediaPath path, long sendTicks)
    {
        var sink = feed.Sink;
        var source = entry.Source!;
        var payloadType = track.PayloadTypeFor(source.Primary);
        if (payloadType < 0) return 0; // this sink did not accept the producer's codec

        var buffer = batch is not null ? _batch.Acquire(batch.Socket) : _scratch.AsSpan();
        var length = producer.Ring.CopyTo(position, entry, buffer);
        if (length == 0) return -1;
        length = PacketRewrite.ForPlayer(buffer, length, track, (byte)payloadType, entry, (uint)source.Primary.ClockRate / 30, sendTicks);
        if (length <= 0 || !sink.TryProtectRtp(buffer, length, out var protectedLength)) return 0;
        if (batch is not null) _batch.Commit(batch.Address, protectedLength);
        else path.Send(buffer[..protectedLength]);
        sink.Stats.OnSent(length);
        Delay.Record(_time.GetTimestamp() - entry.ArrivedTimestamp);
        return length;
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _wake.Set();
        // The native batch is freed only once the thread is gone (a round still running would
        // write into it); a thread that does not stop in time leaves it to the process exit.
        if (_thread is null || _thread.Join(TimeSpan.FromSeconds(5)))
        {
            lock (_gate) _batch.Dispose();
        }
    }
}

/// <summary>How a publisher packet becomes a player's packet (shared by live fan-out and retransmission).</summary>
internal static class PacketRewrite
{
    /// <summary>
    /// Rewrites the plain RTP packet in buffer[..length] for one player: its payload type and SSRC,
    /// sequence and timestamp continued across sources, and the publisher's header extensions
    /// removed (their ids were agreed with the publisher, not with this player) and replaced by the
    /// relay's abs-send-time when the player negotiated it (its receive-side bandwidth estimate,
    /// sent back as REMB, measures the relay→player leg from these stamps). Returns the new length,
    /// or ≤ 0 for a malformed packet or one held back (<see cref="OutboundSequence.TryMap"/>).
    /// </summary>
    public static int ForPlayer(Span<byte> buffer, int length, Negotiation.NegotiatedTrack track, byte payloadType, in RingEntry entry, uint frameTicks, long nowTicks)
    {
        return track.Outbound.TryMap(entry.Ssrc, entry.Sequence, entry.Timestamp, frameTicks, out var sequence, out var timestamp)
            ? Finish(buffer, length, track, payloadType, sequence, timestamp, nowTicks)
            : 0;
    }

    /// <summary>The same for a packet already mapped (a retransmission with its original number).</summary>
    public static int Finish(Span<byte> buffer, int length, Negotiation.NegotiatedTrack track, byte payloadType, ushort sequence, uint timestamp, long nowTicks)
    {
        RtpRewriter.SetPayloadType(buffer, payloadType);
        RtpRewriter.SetSsrc(buffer, track.LocalSsrc);
        RtpRewriter.SetSequenceNumber(buffer, sequence);
        RtpRewriter.SetTimestamp(buffer, timestamp);
        return track.AbsSendTimeExtensionId > 0
            ? RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, length, track.AbsSendTimeExtensionId, AbsSendTime.From(nowTicks))
            : RtpHeaderExtensions.Remove(buffer, length);
    }
}
