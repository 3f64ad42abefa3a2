using System.Runtime.CompilerServices;
using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Simulcast;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// One lesson's forwarding unit: the publisher, the connected players, and the codec each kind is
/// fixed to (no transcoding). The publisher's packets go once into the room's
/// <see cref="PacketRing"/>; fan-out workers send them on to each player from its own cursor
/// (<see cref="PlayerFeed"/>), so joins, leaves and slow players never block the receive path.
/// </summary>
internal sealed class Room : IMediaListener
{
    /// <summary>The SSRC the relay's own RTCP (PLI, RR) is sent from.</summary>
    private const uint RelaySsrc = 1;

    /// <summary>Sequence numbers in one NACK the relay sends (the rest go in the next one).</summary>
    private const int MaxNackedPerPacket = 128;

    /// <summary>A layer with no packet for this long is treated as stopped (the studio dropped it).</summary>
    private static readonly TimeSpan LayerTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly Lock _writeGate = new();
    private readonly Dictionary<string, CodecKey> _codecs = new(StringComparer.Ordinal);
    private readonly Action<Room> _becameEmpty;
    private readonly TimeProvider _time;
    private readonly FanOutPool _pool;
    private readonly FanOutOptions _options;
    private readonly ReceptionStats _audioStats = new();
    private readonly ReceptionStats[] _videoStats = [new(), new(), new()];
    private readonly NackGenerator[] _nacks;
    private readonly KeyframeRequestThrottle[] _keyframes;
    private readonly uint[] _layerSsrcs = new uint[PacketRing.MaxLayers];
    private readonly long[] _layerArrivals = new long[PacketRing.MaxLayers];
    private readonly long[] _layerBytes = new long[PacketRing.MaxLayers];
    private readonly long[] _layerBitrates = new long[PacketRing.MaxLayers];
    private long _lastRateTimestamp;
    private int _activeLayers;
    private RelaySession? _publisher;
    private RelaySession[] _players = [];
    private PlayerFeed[] _feeds = [];
    private int _sessions;
    private int _playersJoined;
    private bool _closed;

    public Room(string lessonId, TimeProvider time, Action<Room> becameEmpty, FanOutPool pool, LossRecoveryOptions? loss = null)
    {
        loss ??= LossRecoveryOptions.Default;
        _pool = pool;
        _options = pool.Options;
        Ring = new PacketRing(_options.RingPackets);
        _nacks = [new(loss, time), new(loss, time), new(loss, time)];
        LessonId = lessonId;
        _time = time;
        _becameEmpty = becameEmpty;
        _keyframes = [new(time, TimeSpan.FromSeconds(1)), new(time, TimeSpan.FromSeconds(1)), new(time, TimeSpan.FromSeconds(1))];
        _lastRateTimestamp = time.GetTimestamp();
    }

    public string LessonId { get; }

    /// <summary>The room's clock in <see cref="TimeSpan"/> ticks (the layer selectors' time base).</summary>
    internal long Now => _time.GetUtcNow().UtcTicks;

    /// <summary>The publisher's packets, shared by every player and by loss recovery.</summary>
    internal PacketRing Ring { get; }

    /// <summary>NACKs, retransmissions and keyframe requests of this room.</summary>
    public RoomCounters Counters { get; } = new();

    public int PlayerCount => Volatile.Read(ref _players).Length;

    /// <summary>The live players (a snapshot).</summary>
    internal RelaySession[] Players => Volatile.Read(ref _players);

    /// <summary>The players' feeds (a snapshot).</summary>
    internal PlayerFeed[] Feeds => Volatile.Read(ref _feeds);

    public RelaySession? Publisher => _publisher;

    /// <summary>Measured bitrate of each simulcast layer (bits/s, index 0 = lowest), updated by <see cref="Tick"/>.</summary>
    internal ReadOnlySpan<long> LayerBitrates => _layerBitrates;

    public CodecKey? CodecFor(string kind)
    {
        lock (_gate) return _codecs.TryGetValue(kind, out var key) ? key : null;
    }

    /// <summary>
    /// Takes a new session. A new publisher replaces the old one (a reloaded studio page) and fixes
    /// the lesson's codecs, which later publishers keep when they offer them.
    /// </summary>
    public bool TryAttach(RelaySession session)
    {
        RelaySession? replaced = null;
        lock (_gate)
        {
            if (_closed) return false;
            _sessions++;
            if (session.Role == SessionRole.Player) session.PlayerNumber = ++_playersJoined;
            if (session.Role == SessionRole.Publisher)
            {
                foreach (var track in session.Tracks) _codecs[track.Kind] = track.Primary;
                replaced = _publisher;
                _publisher = session;
                Array.Clear(_layerSsrcs); // learnt again from the new publisher's packets
            }
        }

        replaced?.Close("replaced by a new publisher");
        return true;
    }

    /// <summary>
    /// A player's DTLS is done: it starts at the last keyframe of its layer when that is recent
    /// enough (fast start, ARCHITECTURE.md), else at live, waiting for the keyframe the room asks for.
    /// </summary>
    public void OnMediaReady(RelaySession session)
    {
        if (session.Role != SessionRole.Player) return;
        var selector = new LayerSelector(session.MaxLayer, _time.GetUtcNow().UtcTicks);
        if (_layerBitrates.AsSpan().ContainsAnyExcept(0L)) selector.SetLayerBitrates(_layerBitrates); // else: nothing measured yet, it starts on mid
        var target = selector.TargetLayer;
        var feed = new PlayerFeed(session, this, Ring.Head, target) { Selector = selector };
        var layer = EffectiveLayer(target, session.MaxLayer);
        var keyframe = Ring.LastKeyframe(layer);
        var fromCache = keyframe >= 0 && feed.Cursor - keyframe <= _options.MaxJoinBacklog && Ring.IsRetained(keyframe);
        if (fromCache)
        {
            feed.Cursor = keyframe;
            feed.CatchingUp = true;
        }
        lock (_gate)
        {
            if (session.State == SessionState.Closed || _closed) return;
            session.Feed = feed;
            _feeds = [.. _feeds, feed];
            _players = [.. _players, session];
        }

        _pool.Add(feed);
        if (!fromCache) RequestKeyframe(layer);
        _pool.Signal();
    }

    public void OnMediaClosed(RelaySession session)
    {
        bool empty;
        PlayerFeed? feed;
        lock (_gate)
        {
            if (ReferenceEquals(_publisher, session)) _publisher = null;
            feed = session.Feed;
            if (feed is not null) _feeds = Array.FindAll(_feeds, f => !ReferenceEquals(f, feed));
            if (Array.IndexOf(_players, session) >= 0) _players = Array.FindAll(_players, p => !ReferenceEquals(p, session));
            empty = --_sessions == 0;
            _closed |= empty;
        }

        if (feed is not null) _pool.Remove(feed);
        if (empty) _becameEmpty(this);
    }

    public void OnRtp(RelaySession from, Span<byte> packet)
    {
        if (!ReferenceEquals(from, _publisher)) return;

        // The ring, the reception statistics and the NACK generator have one writer. A publisher is
        // normally read by one loop, but around an ICE path switch (UDP ↔ ICE-TCP) two loops can
        // carry its packets for a moment: an uncontended lock keeps them one writer.
        lock (_writeGate) Receive(from, packet);
    }

    private void Receive(RelaySession from, Span<byte> packet)
    {
        if (!RtpHeader.TryRead(packet, out var header)) return;
        var track = from.TrackWithPayloadType(header.PayloadType);
        if (track is null) return;
        var video = string.Equals(track.Kind, "video", StringComparison.Ordinal);
        var entry = new RingEntry
        {
            Ssrc = header.Ssrc,
            Sequence = header.SequenceNumber,
            Timestamp = header.Timestamp,
            Source = track,
            IsVideo = video,
            ArrivedTimestamp = _time.GetTimestamp(),
        };

        if (video)
        {
            var layer = LayerOf(header.Ssrc, track, packet);
            if (layer < 0) return; // a simulcast stream not (yet) named by its rid: not forwarded
            entry.Layer = layer;
            entry.KeyframeStart = KeyframeDetector.IsKeyframeStart(KindOf(track.Primary), header.Payload);
            _videoStats[layer].OnPacket(header.Ssrc, header.SequenceNumber);
            Volatile.Write(ref _layerArrivals[layer], entry.ArrivedTimestamp);
            Interlocked.Add(ref _layerBytes[layer], packet.Length);
            if ((Volatile.Read(ref _activeLayers) & (1 << layer)) == 0) Interlocked.Or(ref _activeLayers, 1 << layer);
            var nacks = _nacks[layer];
            nacks.OnPacket(header.Ssrc, header.SequenceNumber);
            if (nacks.Missing > 0) SendNacks(from, nacks);
            SendPendingKeyframeRequests(from);
        }
        else
        {
            _audioStats.OnPacket(header.Ssrc, header.SequenceNumber);
        }

        if (!Ring.Append(packet, entry))
        {
            from.Context.Counters.OnDropped(); // larger than an MTU: never forwarded
            return;
        }

        _pool.Signal();
    }

    /// <summary>
    /// The layer of a publisher video SSRC. Without simulcast there is one layer (a new SSRC is a
    /// restarted encoder and replaces the old one). With simulcast the RID header extension
    /// (RFC 8852) of the stream's first packets names it; the layer is the rid's place in the
    /// publisher's <c>a=simulcast:send</c> list, which the studio page writes lowest first. A packet
    /// of a stream not yet named, or a rid the offer did not list, is not forwarded.
    /// </summary>
    private int LayerOf(uint ssrc, NegotiatedTrack track, ReadOnlySpan<byte> packet)
    {
        var ssrcs = _layerSsrcs;
        for (var i = 0; i < ssrcs.Length; i++)
        {
            if (ssrcs[i] == ssrc) return i;
        }

        var rids = track.SimulcastRids;
        if (rids.Count == 0)
        {
            ssrcs[0] = ssrc;
            return 0;
        }

        if (track.RidExtensionId == 0 || !RtpHeaderExtensions.TryFind(packet, track.RidExtensionId, out var rid)) return -1;
        for (var layer = 0; layer < rids.Count && layer < PacketRing.MaxLayers; layer++)
        {
            if (!AsciiEquals(rid, rids[layer])) continue;
            Volatile.Write(ref ssrcs[layer], ssrc);
            return layer;
        }

        return -1;
    }

    private static bool AsciiEquals(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length) return false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i]) return false;
        }

        return true;
    }

    /// <summary>
    /// The layer a player targeting <paramref name="target"/> gets: the best running layer not above
    /// it, else the lowest running one up to its <paramref name="ceiling"/> (never above what it
    /// asked for: then it waits, with audio, until a layer it may have runs again).
    /// </summary>
    public int EffectiveLayer(int target, int ceiling = PacketRing.MaxLayers - 1)
    {
        var active = Volatile.Read(ref _activeLayers);
        ceiling = Math.Clamp(ceiling, 0, PacketRing.MaxLayers - 1);
        target = Math.Clamp(target, 0, ceiling);
        if (active == 0 || (active & (1 << target)) != 0) return target;
        for (var layer = target - 1; layer >= 0; layer--)
        {
            if ((active & (1 << layer)) != 0) return layer;
        }

        for (var layer = target + 1; layer <= ceiling; layer++)
        {
            if ((active & (1 << layer)) != 0) return layer;
        }

        return target;
    }

    private static CodecKind KindOf(CodecKey codec) => codec.Name switch
    {
        "VP8" => CodecKind.Vp8,
        "H264" => CodecKind.H264,
        _ => CodecKind.Other,
    };

    public void OnRtcp(RelaySession from, ReadOnlySpan<byte> packet)
    {
        if (from.Role == SessionRole.Player)
        {
            var now = _time.GetUtcNow().UtcTicks;
            from.RoundTrips.OnRtcp(packet, from.Stats, now);
            if (from.Feed is { } listener) BandwidthFeedback(packet, from, listener, now);
            if (KeyframeRequests.Contains(packet))
            {
                from.Stats.OnKeyframeRequest();
                Counters.OnKeyframeRequest();
                var feed = from.Feed;
                RequestKeyframe(feed is null ? 0 : EffectiveLayer(feed.CurrentLayer < 0 ? feed.TargetLayer : feed.CurrentLayer, from.MaxLayer));
            }

            if (_publisher?.TrackOfKind("video") is { } video) NackResponder.Answer(packet, from, video.Primary, this, Counters, now);
            return;
        }

        if (ReferenceEquals(from, _publisher)) SenderReports.Forward(packet, this, Volatile.Read(ref _players), _time.GetUtcNow().UtcTicks);
    }

    /// <summary>
    /// A player's REMB (its receive-side estimate) and the loss its receiver reports give for its
    /// video feed the layer selector's inputs; the feed moves to the new target at that layer's next keyframe.
    /// </summary>
    private static void BandwidthFeedback(ReadOnlySpan<byte> compound, RelaySession player, PlayerFeed feed, long now)
    {
        var video = player.TrackOfKind("video");
        if (video is null) return;
        var reader = new RtcpCompoundReader(compound);
        while (reader.TryReadNext(out var packet))
        {
            if (packet.PacketType == RtcpPacketType.PayloadFeedback && RtcpRemb.TryRead(packet, out _, out var bitrate, out _, out _))
            {
                feed.Selector.OnRemb((long)Math.Min(bitrate, long.MaxValue), now);
            }
            else if (RtcpReceiverReport.TryRead(packet, out var rr))
            {
                for (var i = 0; i < rr.ReportCount; i++)
                {
                    var block = rr.GetReportBlock(i);
                    if (block.Ssrc != video.LocalSsrc) continue;
                    player.Stats.OnReceiverReport(block.FractionLost, block.CumulativeLost);
                    feed.Selector.OnLoss(block.FractionLost, now);
                }
            }
        }

        feed.TargetLayer = feed.Selector.TargetLayer;
    }

    /// <summary>The ring layer of a publisher video SSRC already seen, or −1.</summary>
    internal int KnownLayerOf(uint ssrc) => Array.IndexOf(_layerSsrcs, ssrc) is var i && ssrc != 0 ? i : -1;

    /// <summary>Which publisher stream an SSRC is (for its SR), or null.</summary>
    internal (ReceptionStats Stats, string Kind)? StreamOf(uint ssrc)
    {
        if (_audioStats.Ssrc == ssrc) return (_audioStats, "audio");
        foreach (var stats in _videoStats)
        {
            if (stats.Ssrc == ssrc) return (stats, "video");
        }

        return null;
    }

    /// <summary>
    /// Once a second (the runtime's timer): the publisher's receiver report (RFC 3550 §6.4.2) for
    /// every stream it sends, the layers' bitrates, and which layers are still running.
    /// </summary>
    public void Tick()
    {
        UpdateLayers();
        SendReceiverReport();
    }

    private void UpdateLayers()
    {
        var now = _time.GetTimestamp();
        var seconds = _time.GetElapsedTime(_lastRateTimestamp, now).TotalSeconds;
        _lastRateTimestamp = now;
        var active = 0;
        for (var layer = 0; layer < PacketRing.MaxLayers; layer++)
        {
            var bytes = Interlocked.Exchange(ref _layerBytes[layer], 0);
            if (seconds > 0) _layerBitrates[layer] = (long)(bytes * 8 / seconds);
            var arrived = Volatile.Read(ref _layerArrivals[layer]);
            if (arrived != 0 && _time.GetElapsedTime(arrived, now) < LayerTimeout) active |= 1 << layer;
        }

        Volatile.Write(ref _activeLayers, active);
        var ticks = _time.GetUtcNow().UtcTicks;
        foreach (var feed in Feeds)
        {
            feed.Selector.SetLayerBitrates(_layerBitrates);
            feed.Selector.Tick(ticks);
            feed.TargetLayer = feed.Selector.TargetLayer;
        }
    }

    /// <summary>Sends the publisher one receiver report covering its audio and every video layer.</summary>
    public void SendReceiverReport()
    {
        var publisher = _publisher;
        if (publisher is null || publisher.State != SessionState.Connected) return;
        var now = _time.GetUtcNow().UtcTicks;
        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[1 + PacketRing.MaxLayers];
        var count = 0;
        if (_audioStats.TryBuildBlock(now, out var audio)) blocks[count++] = audio;
        foreach (var stats in _videoStats)
        {
            if (stats.TryBuildBlock(now, out var video)) blocks[count++] = video;
        }

        if (count == 0) return;
        Span<byte> buffer = stackalloc byte[256];
        var n = RtcpReceiverReport.Write(buffer, RelaySsrc, blocks[..count]);
        publisher.SendRtcp(buffer, n);
    }

    /// <summary>NACKs the publisher for the relay's own missing video packets that are due (RFC 4585 §6.2.1).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SendNacks(RelaySession publisher, NackGenerator nacks)
    {
        Span<ushort> due = stackalloc ushort[MaxNackedPerPacket];
        var count = nacks.CollectDue(due);
        if (count == 0) return;
        Span<byte> buffer = stackalloc byte[12 + (MaxNackedPerPacket * 4) + 64];
        var n = RtcpNack.Write(buffer, RelaySsrc, nacks.Ssrc, due[..count]);
        publisher.SendRtcp(buffer, n);
        Counters.OnNackSent();
    }

    /// <summary>Asks the publisher for a keyframe on a layer, at most once a second per layer however many players ask.</summary>
    public void RequestKeyframe(int layer = 0)
    {
        _keyframes[Math.Clamp(layer, 0, PacketRing.MaxLayers - 1)].MarkPending();
        if (_publisher is { } publisher) SendPendingKeyframeRequests(publisher);
    }

    /// <summary>Sends remembered requests once the layer's SSRC is known and its throttle allows.</summary>
    private void SendPendingKeyframeRequests(RelaySession publisher)
    {
        Span<byte> buffer = stackalloc byte[64];
        for (var layer = 0; layer < PacketRing.MaxLayers; layer++)
        {
            var ssrc = Volatile.Read(ref _layerSsrcs[layer]);
            if (ssrc == 0 || !_keyframes[layer].TryTakePending()) continue;
            var n = RtcpPictureLoss.Write(buffer, senderSsrc: RelaySsrc, mediaSsrc: ssrc);
            publisher.SendRtcp(buffer, n);
        }
    }
}
