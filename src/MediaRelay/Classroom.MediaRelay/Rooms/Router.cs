using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Simulcast;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// One lesson's forwarding unit (mediasoup's router): its producers by id and the consumers that
/// read them. A WHIP session becomes the source of the producer it publishes as (a second
/// session for the same producer replaces the first: a reloaded studio page); a WHEP session gets
/// one consumer per producer it asked for, bound as soon as a matching producer exists and
/// re-bound when that producer goes. Joins, leaves and bindings swap immutable arrays, so the
/// receive path and the fan-out workers never wait for them.
/// </summary>
internal sealed class Router : IMediaListener
{
    private readonly Lock _gate = new();
    private readonly Action<Router> _becameEmpty;
    private readonly TimeProvider _time;
    private readonly FanOutPool _pool;
    private readonly FanOutOptions _options;
    private readonly LossRecoveryOptions? _loss;
    private readonly Dictionary<string, Producer> _producers = new(StringComparer.Ordinal);
    private Producer[] _producerList = [];
    private RelaySession[] _players = [];
    private Consumer[] _consumers = [];
    private int _sessions;
    private int _playersJoined;
    private bool _closed;

    public Router(string lessonId, TimeProvider time, Action<Router> becameEmpty, FanOutPool pool, LossRecoveryOptions? loss = null)
    {
        _pool = pool;
        _options = pool.Options;
        _loss = loss;
        LessonId = lessonId;
        _time = time;
        _becameEmpty = becameEmpty;
    }

    public string LessonId { get; }

    /// <summary>Who hears producers come and go (the registry's; none for a router made alone in tests).</summary>
    internal ProducerObservers? Observers { get; init; }

    /// <summary>The router's monotonic clock in <see cref="TimeSpan"/> ticks (the layer selectors' time base).</summary>
    internal long Now => _time.MonotonicTicks();

    /// <summary>NACKs, retransmissions and keyframe requests of this lesson.</summary>
    public RoomCounters Counters { get; } = new();

    public int PlayerCount => Volatile.Read(ref _players).Length;

    /// <summary>The live players (a snapshot).</summary>
    internal RelaySession[] Players => Volatile.Read(ref _players);

    /// <summary>Every consumer of the lesson (a snapshot).</summary>
    internal Consumer[] Consumers => Volatile.Read(ref _consumers);

    /// <summary>Each player's first consumer (the studio for a classroom): the per-player metrics.</summary>
    internal IEnumerable<Consumer> PrimaryConsumers => Players.Select(p => p.Consumers.Length > 0 ? p.Consumers[0] : null).OfType<Consumer>();

    /// <summary>The producers with a source (a snapshot).</summary>
    internal Producer[] Producers => Volatile.Read(ref _producerList);

    public Producer? ProducerOf(string id)
    {
        lock (_gate) return _producers.GetValueOrDefault(id);
    }

    /// <summary>The studio's source (tests and stats).</summary>
    public RelaySession? Publisher => ProducerOf(ProducerIds.Studio)?.Source as RelaySession;

    /// <summary>The codec a producer's kind is fixed to, which a reloaded source keeps when it offers it.</summary>
    public CodecKey? CodecFor(string producerId, string kind) => ProducerOf(producerId)?.CodecFor(kind);

    /// <summary>
    /// Takes a new session. A publisher becomes its producer's source (replacing an earlier one:
    /// a reloaded studio page); a player waits for its media to be ready.
    /// </summary>
    public bool TryAttach(RelaySession session)
    {
        IProducerSource? replaced = null;
        List<Consumer>? rebound = null;
        lock (_gate)
        {
            if (_closed) return false;
            _sessions++;
            if (session.Role == SessionRole.Player) session.PlayerNumber = ++_playersJoined;
            if (session.Role == SessionRole.Publisher)
            {
                var id = session.ProducerId;
                if (!_producers.TryGetValue(id, out var producer))
                {
                    producer = new Producer(id, _options.RingPackets, _time, Counters, _pool.Signal, _loss);
                    _producers[id] = producer;
                    _producerList = [.. _producerList, producer];
                }

                session.Producer = producer;
                replaced = producer.Attach(session);
                rebound = BindWaiting(producer);
            }
        }

        (replaced as RelaySession)?.Close("replaced by a new publisher");
        if (rebound is not null) Started(rebound);
        if (session.Role == SessionRole.Publisher && session.Producer is { } attached) Observers?.Attached(this, attached);
        return true;
    }

    /// <summary>A player's DTLS is done: its consumers are made, bound to what exists, and served.</summary>
    public void OnMediaReady(RelaySession session)
    {
        if (session.Role != SessionRole.Player) return;
        var now = _time.MonotonicTicks();
        var consumers = session.ConsumerPlans.Where(p => !p.IsEmpty)
            .Select(p => new Consumer(session, p) { Selector = new LayerSelector(session.MaxLayer, now) }).ToArray();
        var bound = new List<Consumer>();
        lock (_gate)
        {
            if (session.State == SessionState.Closed || _closed) return;
            session.Consumers = consumers;
            foreach (var consumer in consumers)
            {
                if (FindProducer(consumer) is { } producer && Bind(consumer, producer)) bound.Add(consumer);
            }

            _consumers = [.. _consumers, .. consumers];
            _players = [.. _players, session];
        }

        foreach (var consumer in consumers) _pool.Add(consumer);
        Started(bound);
        _pool.Signal();
    }

    /// <summary>
    /// A source that is not a WHIP session (plain RTP from the RTMP/SRT bridge, an origin relay)
    /// becomes producer <paramref name="producerId"/>'s source, replacing any earlier one; waiting
    /// consumers are bound to it. Null when the router has closed. It does not keep the router
    /// alive; <see cref="DetachSource"/> ends it.
    /// </summary>
    public Producer? AttachSource(string producerId, IProducerSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        IProducerSource? replaced;
        List<Consumer> bound;
        Producer? producer;
        lock (_gate)
        {
            if (_closed) return null;
            if (!_producers.TryGetValue(producerId, out producer))
            {
                producer = new Producer(producerId, _options.RingPackets, _time, Counters, _pool.Signal, _loss);
                _producers[producerId] = producer;
                _producerList = [.. _producerList, producer];
            }

            replaced = producer.Attach(source);
            bound = BindWaiting(producer);
        }

        (replaced as RelaySession)?.Close("replaced by another source");
        Started(bound);
        Observers?.Attached(this, producer);
        return producer;
    }

    /// <summary>
    /// The source stops feeding its producer; the producer goes and its consumers re-bind or wait.
    /// <paramref name="end"/>: whether its publisher ended it (the lesson's end for the studio) or it was lost.
    /// </summary>
    public void DetachSource(Producer producer, IProducerSource source, ProducerEnd end = ProducerEnd.Lost)
    {
        ArgumentNullException.ThrowIfNull(producer);
        List<Consumer>? rebound = null;
        lock (_gate)
        {
            if (producer.Detach(source))
            {
                _producers.Remove(producer.Id);
                _producerList = Array.FindAll(_producerList, p => !ReferenceEquals(p, producer));
                rebound = Rebind(producer);
            }
        }

        if (rebound is not null)
        {
            Started(rebound);
            Observers?.Removed(this, producer, end);
        }

        _pool.Signal();
    }

    /// <summary>
    /// A consumer that is not a WHEP session (the recorder's plain RTP to ffmpeg, an edge relay,
    /// tests): bound and served like a player's until <see cref="DetachConsumer"/>. It does not
    /// keep the router alive: the lesson's sessions do.
    /// </summary>
    public Consumer? AttachConsumer(IConsumerSink sink, ConsumerPlan plan)
    {
        var consumer = new Consumer(sink, plan) { Selector = new LayerSelector(sink.MaxLayer, _time.MonotonicTicks()) };
        var bound = new List<Consumer>();
        lock (_gate)
        {
            if (_closed) return null;
            if (FindProducer(consumer) is { } producer && Bind(consumer, producer)) bound.Add(consumer);
            _consumers = [.. _consumers, consumer];
        }

        _pool.Add(consumer);
        Started(bound);
        _pool.Signal();
        return consumer;
    }

    public void DetachConsumer(Consumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        lock (_gate)
        {
            consumer.Closed = true;
            if (consumer.Binding?.Producer is { } from) from.Consumers = Array.FindAll(from.Consumers, c => !ReferenceEquals(c, consumer));
            _consumers = Array.FindAll(_consumers, c => !ReferenceEquals(c, consumer));
        }

        _pool.Remove(consumer);
    }

    /// <summary>Asks for keyframes where a newly bound consumer could not start from the cache.</summary>
    private static void Started(List<Consumer> bound)
    {
        foreach (var consumer in bound)
        {
            if (consumer.Binding is not { CatchingUp: false } binding) continue;
            var producer = binding.Producer;
            producer.RequestKeyframe(producer.EffectiveLayer(consumer.TargetLayer, consumer.Sink.MaxLayer));
            if (consumer.Plan.SecondVideo is not null) producer.RequestKeyframe(PacketRing.SecondVideoStream);
        }
    }

    /// <summary>The first producer a consumer's selector matches that its sink does not already show (under the gate).</summary>
    private Producer? FindProducer(Consumer consumer)
    {
        var selector = consumer.Plan.Selector;
        if (!selector.IsDynamic) return _producers.GetValueOrDefault(selector.Value) is { Source: not null } fixedOne ? fixedOne : null;
        var siblings = consumer.Sink is RelaySession player ? player.Consumers : [];
        foreach (var producer in _producerList)
        {
            if (producer.Source is null || !selector.Matches(producer.Id)) continue;
            if (siblings.Any(c => !ReferenceEquals(c, consumer) && ReferenceEquals(c.Binding?.Producer, producer))) continue;
            return producer;
        }

        return null;
    }

    /// <summary>Unbound consumers this producer can serve now (under the gate).</summary>
    private List<Consumer> BindWaiting(Producer producer)
    {
        var bound = new List<Consumer>();
        foreach (var consumer in _consumers)
        {
            if (consumer.Binding is not null || !consumer.Plan.Selector.Matches(producer.Id)) continue;
            if (FindProducer(consumer) is { } found && ReferenceEquals(found, producer) && Bind(consumer, producer)) bound.Add(consumer);
        }

        return bound;
    }

    /// <summary>
    /// Points a consumer at a producer (under the gate): it starts at the last keyframe of its
    /// layer when that is recent enough (fast start, ARCHITECTURE.md), else at live, waiting for
    /// the keyframe the producer is asked for.
    /// </summary>
    private bool Bind(Consumer consumer, Producer producer)
    {
        if (producer.HasMeasuredLayers) consumer.Selector.SetLayerBitrates(producer.LayerBitrates); // else: nothing measured yet, it starts on mid
        consumer.TargetLayer = consumer.Selector.TargetLayer;
        var ring = producer.Ring;
        var head = ring.Head;
        var start = head;
        var catchingUp = false;
        ReplayTimeline? camera = null, second = null;
        if (consumer.Plan.Video is not null)
        {
            var keyframe = ring.LastKeyframe(producer.EffectiveLayer(consumer.TargetLayer, consumer.Sink.MaxLayer));
            if (Recent(ring, keyframe, head)) { start = keyframe; catchingUp = true; camera = ReplayOf(consumer, ring, keyframe, head); }
        }

        if (consumer.Plan.SecondVideo is not null)
        {
            var keyframe = ring.LastKeyframe(PacketRing.SecondVideoStream);
            if (Recent(ring, keyframe, head))
            {
                second = ReplayOf(consumer, ring, keyframe, head);
                if (keyframe < start) { start = keyframe; catchingUp = true; }
            }
        }

        consumer.Binding = new ConsumerBinding(producer, start, catchingUp, camera, second);
        producer.Consumers = [.. producer.Consumers, consumer];
        return true;
    }

    /// <summary>
    /// How a joiner's replay of one video stream's picture group (keyframe to head) is put on the
    /// player's timeline: compressed into about the time the paced catch-up takes to send it
    /// (<see cref="ReplayTimeline"/>); null when there is nothing to compress or the slot moved on.
    /// </summary>
    private ReplayTimeline? ReplayOf(Consumer consumer, PacketRing ring, long keyframe, long head)
    {
        if (!consumer.Sink.PlaysOnArrival) return null;
        var key = ring.EntryAt(keyframe);
        long bytes = 0;
        var frames = 0;
        var last = key.Timestamp;
        for (var position = keyframe; position < head; position++)
        {
            var entry = ring.EntryAt(position);
            if (!entry.IsVideo || entry.Ssrc != key.Ssrc) continue;
            bytes += entry.Length;
            if ((int)(entry.Timestamp - last) > 0)
            {
                frames++;
                last = entry.Timestamp;
            }
        }

        if (!key.IsVideo || !ring.Confirm(keyframe)) return null;
        var length = last - key.Timestamp;
        var rate = _options.CatchUpBitsPerSecond;
        var paced = rate > 0 ? Math.Max(0, bytes - _options.CatchUpBurstBytes) * 8 * VideoClockRate / rate : 0;
        var span = Math.Max(paced, (long)frames * VideoClockRate / 1000); // at least a millisecond between frames
        return span < length ? new ReplayTimeline(key.Ssrc, key.Timestamp, last, (uint)span) : null;
    }

    /// <summary>The RTP clock of every video codec the relay forwards (VP8, H.264: RFC 7741, RFC 6184).</summary>
    private const long VideoClockRate = 90_000;

    private bool Recent(PacketRing ring, long keyframe, long head) => keyframe >= 0 && head - keyframe <= _options.MaxJoinBacklog && ring.IsRetained(keyframe);

    public void OnMediaClosed(RelaySession session)
    {
        bool empty;
        Consumer[] gone = [];
        List<Consumer>? rebound = null;
        Producer? removed = null;
        lock (_gate)
        {
            if (session.Role == SessionRole.Publisher && session.Producer is { } producer && producer.Detach(session))
            {
                _producers.Remove(producer.Id);
                _producerList = Array.FindAll(_producerList, p => !ReferenceEquals(p, producer));
                rebound = Rebind(producer);
                removed = producer;
            }

            if (session.Role == SessionRole.Player)
            {
                gone = session.Consumers;
                foreach (var consumer in gone)
                {
                    consumer.Closed = true;
                    if (consumer.Binding?.Producer is { } from) from.Consumers = Array.FindAll(from.Consumers, c => !ReferenceEquals(c, consumer));
                }

                if (gone.Length > 0) _consumers = Array.FindAll(_consumers, c => Array.IndexOf(gone, c) < 0);
                if (Array.IndexOf(_players, session) >= 0) _players = Array.FindAll(_players, p => !ReferenceEquals(p, session));
            }

            empty = --_sessions == 0;
            _closed |= empty;
        }

        foreach (var consumer in gone) _pool.Remove(consumer);
        if (rebound is not null) Started(rebound);
        if (removed is not null) Observers?.Removed(this, removed, session.EndedByClient ? ProducerEnd.Ended : ProducerEnd.Lost);
        _pool.Signal();
        if (empty) _becameEmpty(this);
    }

    /// <summary>A producer lost its source: its consumers move to another match (a dynamic selector) or wait (under the gate).</summary>
    private List<Consumer> Rebind(Producer producer)
    {
        var moved = new List<Consumer>();
        foreach (var consumer in producer.Consumers)
        {
            consumer.Binding = null;
            if (FindProducer(consumer) is { } next && Bind(consumer, next)) moved.Add(consumer);
        }

        producer.Consumers = [];
        return moved;
    }

    public void OnRtp(RelaySession from, Span<byte> packet) => from.Producer?.OnRtp(from, packet);

    public void OnRtcp(RelaySession from, ReadOnlySpan<byte> packet)
    {
        if (from.Role == SessionRole.Publisher)
        {
            from.Producer?.OnSourceRtcp(from, packet);
            return;
        }

        var now = _time.GetUtcNow().UtcTicks;
        from.RoundTrips.OnRtcp(packet, from.Stats, now);
        var consumers = from.Consumers;
        if (consumers.Length == 0) return;
        BandwidthFeedback(packet, from, consumers, _time.MonotonicTicks());
        KeyframeRequestsFrom(packet, from, consumers);
        NackResponder.Answer(packet, from, consumers, Counters, now);
    }

    /// <summary>
    /// PLI or FIR from a player, per media SSRC: the consumer showing that track asks its producer
    /// for a keyframe of the stream it is on (throttled there however many players ask).
    /// </summary>
    private void KeyframeRequestsFrom(ReadOnlySpan<byte> compound, RelaySession player, Consumer[] consumers)
    {
        Span<uint> ssrcs = stackalloc uint[8];
        var count = KeyframeRequests.MediaSsrcs(compound, ssrcs);
        for (var i = 0; i < count; i++)
        {
            player.Stats.OnKeyframeRequest();
            Counters.OnKeyframeRequest();
            var matched = false;
            foreach (var consumer in consumers)
            {
                var track = ssrcs[i] == consumer.Plan.Video?.LocalSsrc ? consumer.Plan.Video
                    : ssrcs[i] == consumer.Plan.SecondVideo?.LocalSsrc ? consumer.Plan.SecondVideo : null;
                if (track is null || consumer.Served?.Producer is not { } producer) continue;
                var stream = ReferenceEquals(track, consumer.Plan.SecondVideo) ? PacketRing.SecondVideoStream
                    : producer.EffectiveLayer(consumer.CurrentLayer < 0 ? consumer.TargetLayer : consumer.CurrentLayer, player.MaxLayer);
                producer.RequestKeyframe(stream);
                matched = true;
            }

            // A request naming no SSRC the player knows (0, or an old stream): its main picture.
            if (!matched && consumers[0].Served?.Producer is { } main)
                main.RequestKeyframe(main.EffectiveLayer(consumers[0].TargetLayer, player.MaxLayer));
        }
    }

    /// <summary>
    /// A player's REMB (its receive-side estimate) and the loss its receiver reports give each
    /// consumer's layer selector its inputs; a consumer moves to the new target at that layer's next keyframe.
    /// </summary>
    private static void BandwidthFeedback(ReadOnlySpan<byte> compound, RelaySession player, Consumer[] consumers, long now)
    {
        var reader = new RtcpCompoundReader(compound);
        var primaryVideo = consumers[0].Plan.Video;
        while (reader.TryReadNext(out var packet))
        {
            if (packet.PacketType == RtcpPacketType.PayloadFeedback && RtcpRemb.TryRead(packet, out _, out var bitrate, out _, out _))
            {
                foreach (var consumer in consumers) consumer.Selector.OnRemb((long)Math.Min(bitrate, long.MaxValue), now);
            }
            else if (RtcpReceiverReport.TryRead(packet, out var rr))
            {
                for (var i = 0; i < rr.ReportCount; i++)
                {
                    var block = rr.GetReportBlock(i);
                    if (primaryVideo is not null && block.Ssrc == primaryVideo.LocalSsrc) player.Stats.OnReceiverReport(block.FractionLost, block.CumulativeLost);
                    foreach (var consumer in consumers)
                    {
                        if (consumer.Plan.Video is { } video && block.Ssrc == video.LocalSsrc) consumer.Selector.OnLoss(block.FractionLost, now);
                    }
                }
            }
        }

        foreach (var consumer in consumers) consumer.TargetLayer = consumer.Selector.TargetLayer;
    }

    /// <summary>Once a second (the runtime's timer): every producer's receiver report, layer rates and its consumers' layer choices.</summary>
    public void Tick()
    {
        foreach (var producer in Producers) producer.Tick();
    }
}
