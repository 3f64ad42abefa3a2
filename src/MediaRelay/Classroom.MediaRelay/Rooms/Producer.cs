using System.Runtime.CompilerServices;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// What feeds a producer: a WHIP session today, a plain-RTP input or an origin relay later. The
/// producer reads the source's negotiated tracks and sends its RTCP (receiver reports, NACK,
/// PLI) back through it; nothing else of the source is touched.
/// </summary>
internal interface IProducerSource
{
    /// <summary>The track a packet belongs to by its payload type and SSRC, or null.</summary>
    NegotiatedTrack? TrackOf(int payloadType, uint ssrc);

    /// <summary>The source's tracks (their kinds and codecs fix the producer's).</summary>
    IReadOnlyList<NegotiatedTrack> Tracks { get; }

    /// <summary>True while RTCP can reach the source.</summary>
    bool CanReceiveRtcp { get; }

    /// <summary>Sends plain RTCP to the source (protected by the source's transport where it has one).</summary>
    void SendRtcp(Span<byte> buffer, int length);

    /// <summary>A packet of the source that is not forwarded (larger than a ring slot).</summary>
    void OnDropped();
}

/// <summary>Keyframe requests travel from consumers up to their producer through this, never straight to a source.</summary>
internal interface IKeyframeRequests
{
    /// <summary>A consumer needs a keyframe of a ring stream (throttled to one a second per stream however many ask).</summary>
    void RequestKeyframe(int stream);
}

/// <summary>
/// One source of tracks in a lesson (mediasoup's producer): the studio (audio, camera and a second
/// video track for courseware), a room on stage, or a member room's camera for the teacher's wall.
/// Its packets go once into its own <see cref="PacketRing"/>, which its consumers read from their
/// own cursors and loss recovery answers from. It keeps the reception statistics, generates NACKs
/// for its own losses, throttles keyframe requests and sends receiver reports to its source. A
/// reloaded studio page is a new source for the same producer (the ring and the consumers stay).
/// </summary>
internal sealed class Producer : IKeyframeRequests
{
    /// <summary>The SSRC the relay's own RTCP (PLI, RR) is sent from.</summary>
    private const uint RelaySsrc = 1;

    /// <summary>Sequence numbers in one NACK the relay sends (the rest go in the next one).</summary>
    private const int MaxNackedPerPacket = 128;

    /// <summary>A layer with no packet for this long is treated as stopped (the studio dropped it).</summary>
    private static readonly TimeSpan LayerTimeout = TimeSpan.FromSeconds(2);

    private const int Streams = PacketRing.MaxStreams;

    private readonly Lock _writeGate = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Action _signal;
    private readonly Dictionary<string, CodecKey> _codecs = new(StringComparer.Ordinal);
    private readonly ReceptionStats _audioStats = new();
    private readonly ReceptionStats[] _videoStats = [new(), new(), new(), new()];
    private readonly NackGenerator[] _nacks;
    private readonly KeyframeRequestThrottle[] _keyframes;
    private readonly uint[] _streamSsrcs = new uint[Streams];
    private readonly long[] _streamArrivals = new long[Streams];
    private readonly long[] _streamBytes = new long[Streams];
    private readonly long[] _layerBitrates = new long[PacketRing.MaxLayers];
    private long _lastRateTimestamp;
    private int _activeStreams;
    private volatile IProducerSource? _source;
    private Consumer[] _consumers = [];

    public Producer(string id, int ringPackets, TimeProvider time, RoomCounters counters, Action signal, LossRecoveryOptions? loss = null)
    {
        loss ??= LossRecoveryOptions.Default;
        Id = id;
        _time = time;
        _signal = signal;
        Counters = counters;
        Ring = new PacketRing(ringPackets);
        _nacks = [new(loss, time), new(loss, time), new(loss, time), new(loss, time)];
        _keyframes = [new(time, TimeSpan.FromSeconds(1)), new(time, TimeSpan.FromSeconds(1)), new(time, TimeSpan.FromSeconds(1)), new(time, TimeSpan.FromSeconds(1))];
        _lastRateTimestamp = time.GetTimestamp();
    }

    /// <summary>"studio", "stage:{classroom}" or "room:{classroom}" (<see cref="ProducerIds"/>).</summary>
    public string Id { get; }

    /// <summary>The source's packets, shared by every consumer and by loss recovery.</summary>
    internal PacketRing Ring { get; }

    /// <summary>The lesson's NACK, retransmission and keyframe counters (shared by its producers).</summary>
    public RoomCounters Counters { get; }

    public IProducerSource? Source => _source;

    /// <summary>The consumers reading this producer (a snapshot; the router replaces it).</summary>
    internal Consumer[] Consumers
    {
        get => Volatile.Read(ref _consumers);
        set => Volatile.Write(ref _consumers, value);
    }

    /// <summary>Measured bitrate of each simulcast layer of the first video track (bits/s, index 0 = lowest), updated by <see cref="Tick"/>.</summary>
    internal ReadOnlySpan<long> LayerBitrates => _layerBitrates;

    internal bool HasMeasuredLayers => _layerBitrates.AsSpan().ContainsAnyExcept(0L);

    /// <summary>The codec a kind is fixed to (the first source's), which later sources keep when they offer it.</summary>
    public CodecKey? CodecFor(string kind)
    {
        lock (_gate) return _codecs.TryGetValue(kind, out var key) ? key : null;
    }

    /// <summary>A new source (the first, or a reloaded studio page); returns the one it replaces.</summary>
    public IProducerSource? Attach(IProducerSource source)
    {
        lock (_gate)
        {
            foreach (var track in source.Tracks) _codecs[track.Kind] = track.Primary;
            var replaced = _source;
            _source = source;
            lock (_writeGate) Array.Clear(_streamSsrcs); // learnt again from the new source's packets
            return replaced;
        }
    }

    /// <summary>The source is gone; true when it was the current one (the producer then has none).</summary>
    public bool Detach(IProducerSource source)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_source, source)) return false;
            _source = null;
            return true;
        }
    }

    public void OnRtp(IProducerSource from, Span<byte> packet)
    {
        if (!ReferenceEquals(from, _source)) return;

        // The ring, the reception statistics and the NACK generator have one writer. A source is
        // normally read by one loop, but around an ICE path switch (UDP ↔ ICE-TCP) two loops can
        // carry its packets for a moment: an uncontended lock keeps them one writer.
        lock (_writeGate) Receive(from, packet);
    }

    private void Receive(IProducerSource from, Span<byte> packet)
    {
        if (!RtpHeader.TryRead(packet, out var header)) return;
        var track = from.TrackOf(header.PayloadType, header.Ssrc);
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
            var stream = StreamOf(header.Ssrc, track, packet);
            if (stream < 0) return; // a simulcast stream not (yet) named by its rid: not forwarded
            entry.Layer = stream;
            entry.KeyframeStart = KeyframeDetector.IsKeyframeStart(KindOf(track.Primary), header.Payload);
            _videoStats[stream].OnPacket(header.Ssrc, header.SequenceNumber);
            Volatile.Write(ref _streamArrivals[stream], entry.ArrivedTimestamp);
            Interlocked.Add(ref _streamBytes[stream], packet.Length);
            if ((Volatile.Read(ref _activeStreams) & (1 << stream)) == 0) Interlocked.Or(ref _activeStreams, 1 << stream);
            var nacks = _nacks[stream];
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
            from.OnDropped(); // larger than an MTU: never forwarded
            return;
        }

        _signal();
    }

    /// <summary>
    /// The ring stream of a source video SSRC. The second video track is one stream
    /// (<see cref="PacketRing.SecondVideoStream"/>; a new SSRC is a restarted encoder). The first
    /// without simulcast is stream 0 likewise. With simulcast the RID header extension (RFC 8852)
    /// of the stream's first packets names it; the layer is the rid's place in the source's
    /// <c>a=simulcast:send</c> list, which the studio page writes lowest first. A packet of a
    /// stream not yet named, or a rid the offer did not list, is not forwarded.
    /// </summary>
    private int StreamOf(uint ssrc, NegotiatedTrack track, ReadOnlySpan<byte> packet)
    {
        var ssrcs = _streamSsrcs;
        if (track.VideoOrdinal > 0)
        {
            ssrcs[PacketRing.SecondVideoStream] = ssrc;
            return PacketRing.SecondVideoStream;
        }

        for (var i = 0; i < PacketRing.MaxLayers; i++)
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
    /// The layer a consumer targeting <paramref name="target"/> gets: the best running layer not above
    /// it, else the lowest running one up to its <paramref name="ceiling"/> (never above what it
    /// asked for: then it waits, with audio, until a layer it may have runs again).
    /// </summary>
    public int EffectiveLayer(int target, int ceiling = PacketRing.MaxLayers - 1)
    {
        var active = Volatile.Read(ref _activeStreams) & ((1 << PacketRing.MaxLayers) - 1);
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

    /// <summary>RTCP from the source: its sender reports go on to every consumer (on the consumer's own SSRC and timeline).</summary>
    public void OnSourceRtcp(IProducerSource from, ReadOnlySpan<byte> packet)
    {
        if (ReferenceEquals(from, _source)) SenderReports.Forward(packet, this, Consumers, _time.GetUtcNow().UtcTicks);
    }

    /// <summary>The ring stream of a source video SSRC already seen, or −1.</summary>
    internal int KnownStreamOf(uint ssrc) => ssrc != 0 && Array.IndexOf(_streamSsrcs, ssrc) is var i ? i : -1;

    /// <summary>Which source stream an SSRC is (for its SR): its statistics, kind and ring stream, or null.</summary>
    internal (ReceptionStats Stats, string Kind, int Stream)? StreamOfSsrc(uint ssrc)
    {
        if (_audioStats.Ssrc == ssrc) return (_audioStats, "audio", 0);
        for (var i = 0; i < _videoStats.Length; i++)
        {
            if (_videoStats[i].Ssrc == ssrc) return (_videoStats[i], "video", i);
        }

        return null;
    }

    /// <summary>
    /// Once a second (the runtime's timer): the source's receiver report (RFC 3550 §6.4.2) for
    /// every stream it sends, the layers' bitrates, which streams still run, and the consumers'
    /// layer choices from them.
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
        for (var stream = 0; stream < Streams; stream++)
        {
            var bytes = Interlocked.Exchange(ref _streamBytes[stream], 0);
            if (stream < PacketRing.MaxLayers && seconds > 0) _layerBitrates[stream] = (long)(bytes * 8 / seconds);
            var arrived = Volatile.Read(ref _streamArrivals[stream]);
            if (arrived != 0 && _time.GetElapsedTime(arrived, now) < LayerTimeout) active |= 1 << stream;
        }

        Volatile.Write(ref _activeStreams, active);
        var ticks = _time.MonotonicTicks();
        foreach (var consumer in Consumers)
        {
            consumer.Selector.SetLayerBitrates(_layerBitrates);
            consumer.Selector.Tick(ticks);
            consumer.TargetLayer = consumer.Selector.TargetLayer;
        }
    }

    /// <summary>Sends the source one receiver report covering its audio and every video stream.</summary>
    public void SendReceiverReport()
    {
        var source = _source;
        if (source is null || !source.CanReceiveRtcp) return;
        var now = _time.GetUtcNow().UtcTicks;
        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[1 + Streams];
        var count = 0;
        if (_audioStats.TryBuildBlock(now, out var audio)) blocks[count++] = audio;
        foreach (var stats in _videoStats)
        {
            if (stats.TryBuildBlock(now, out var video)) blocks[count++] = video;
        }

        if (count == 0) return;
        Span<byte> buffer = stackalloc byte[256];
        var n = RtcpReceiverReport.Write(buffer, RelaySsrc, blocks[..count]);
        source.SendRtcp(buffer, n);
    }

    /// <summary>NACKs the source for the relay's own missing video packets that are due (RFC 4585 §6.2.1).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SendNacks(IProducerSource source, NackGenerator nacks)
    {
        Span<ushort> due = stackalloc ushort[MaxNackedPerPacket];
        var count = nacks.CollectDue(due);
        if (count == 0) return;
        Span<byte> buffer = stackalloc byte[12 + (MaxNackedPerPacket * 4) + 64];
        var n = RtcpNack.Write(buffer, RelaySsrc, nacks.Ssrc, due[..count]);
        source.SendRtcp(buffer, n);
        Counters.OnNackSent();
    }

    /// <summary>Asks the source for a keyframe of a stream, at most once a second per stream however many consumers ask.</summary>
    public void RequestKeyframe(int stream = 0)
    {
        _keyframes[Math.Clamp(stream, 0, Streams - 1)].MarkPending();
        if (_source is { } source) SendPendingKeyframeRequests(source);
    }

    /// <summary>Sends remembered requests once the stream's SSRC is known and its throttle allows.</summary>
    private void SendPendingKeyframeRequests(IProducerSource source)
    {
        Span<byte> buffer = stackalloc byte[64];
        for (var stream = 0; stream < Streams; stream++)
        {
            var ssrc = Volatile.Read(ref _streamSsrcs[stream]);
            if (ssrc == 0 || !_keyframes[stream].TryTakePending()) continue;
            var n = RtcpPictureLoss.Write(buffer, senderSsrc: RelaySsrc, mediaSsrc: ssrc);
            source.SendRtcp(buffer, n);
        }
    }
}

/// <summary>The producers a lesson can have, and what a WHEP request may ask for.</summary>
internal static class ProducerIds
{
    /// <summary>The lead teacher's studio: audio, camera, and optionally a second video track (courseware).</summary>
    public const string Studio = "studio";

    /// <summary>"stage:{classroomId}": a member room the teacher brought on stage, seen and heard by every room.</summary>
    public const string StagePrefix = "stage:";

    /// <summary>"room:{classroomId}": a member room's own low-resolution camera, for the teacher's wall only.</summary>
    public const string RoomPrefix = "room:";

    public static string Stage(long classroomId) => StagePrefix + classroomId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Room(long classroomId) => RoomPrefix + classroomId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
