using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Simulcast;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Where a consumer's packets go: a WebRTC player (<see cref="RelaySession"/>: SRTP, then the
/// worker's <c>sendmmsg</c> batch or its ICE-TCP path) or plain RTP on loopback
/// (<see cref="PlainRtpSink"/>: the recorder, tests). The worker rewrites a packet for the
/// consumer's track, asks the sink to protect it in place, and sends it to the sink's path.
/// </summary>
internal interface IConsumerSink
{
    /// <summary>True while packets can be sent (a player: DTLS done and a path selected).</summary>
    bool IsReady { get; }

    /// <summary>Where packets go (a UDP path is sent through the worker's batch).</summary>
    IMediaPath? Path { get; }

    /// <summary>The highest simulcast layer the sink wants (WHEP <c>?maxLayer=</c>).</summary>
    int MaxLayer { get; }

    /// <summary>Packets, bytes, NACKs, keyframe requests and RTT (metrics).</summary>
    SessionCounters Stats { get; }

    /// <summary>
    /// True when the sink plays media out as it arrives (a WebRTC player's jitter buffer): its join
    /// replay is put on the time it is sent in (<see cref="ReplayTimeline"/>). False for the
    /// recorder, which keeps every frame's own capture time.
    /// </summary>
    bool PlaysOnArrival { get; }

    /// <summary>Protects one plain RTP packet in place for the wire (SRTP; plain RTP leaves it).</summary>
    bool TryProtectRtp(Span<byte> buffer, int length, out int protectedLength);

    /// <summary>Protects and sends one plain RTP packet (retransmissions, outside the batch).</summary>
    void SendRtp(Span<byte> buffer, int length);

    /// <summary>Protects and sends one plain RTCP packet (forwarded sender reports).</summary>
    void SendRtcp(Span<byte> buffer, int length);

    /// <summary>Sender reports sent, for the sink's RTT (null when it measures none).</summary>
    RoundTripTimes? RoundTrips { get; }
}

/// <summary>
/// What a consumer asks for: a fixed producer ("studio", "stage:12", "room:12") or any producer
/// of a class ("stage", "rooms"), bound to the first matching producer the same sink does not
/// already show, and re-bound when that producer goes away.
/// </summary>
internal sealed record ProducerSelector(string Value)
{
    public static readonly ProducerSelector Studio = new(ProducerIds.Studio);
    public static readonly ProducerSelector AnyStage = new("stage");
    public static readonly ProducerSelector AnyRoom = new("rooms");

    /// <summary>True for a selector that any of several producers may fill.</summary>
    public bool IsDynamic => Value is "stage" or "rooms";

    public bool Matches(string producerId) => Value switch
    {
        "stage" => producerId.StartsWith(ProducerIds.StagePrefix, StringComparison.Ordinal),
        "rooms" => producerId.StartsWith(ProducerIds.RoomPrefix, StringComparison.Ordinal),
        _ => string.Equals(Value, producerId, StringComparison.Ordinal),
    };

    /// <summary>True when the selector names room cameras (the teacher's wall), which only the teacher and observers may receive.</summary>
    public bool IsRoomCamera => Value == "rooms" || Value.StartsWith(ProducerIds.RoomPrefix, StringComparison.Ordinal);
}

/// <summary>
/// Which of a sink's tracks a consumer fills: its audio, and up to two video tracks (a
/// producer's first video, e.g. the camera, and its second, the courseware).
/// </summary>
internal sealed record ConsumerPlan(ProducerSelector Selector, NegotiatedTrack? Audio, NegotiatedTrack? Video, NegotiatedTrack? SecondVideo)
{
    public bool IsEmpty => Audio is null && Video is null && SecondVideo is null;

    public bool Owns(NegotiatedTrack track) => ReferenceEquals(track, Audio) || ReferenceEquals(track, Video) || ReferenceEquals(track, SecondVideo);
}

/// <summary>
/// The bound producer and where in its ring the consumer starts (set by the router on any
/// thread; the serving worker takes it over on its own thread, so the cursor has one writer).
/// </summary>
/// <param name="Camera">How the first video track's replayed picture group is timed for the player (null: none to replay).</param>
/// <param name="Second">The same for the second video track.</param>
internal sealed record ConsumerBinding(Producer Producer, long Start, bool CatchingUp, ReplayTimeline? Camera = null, ReplayTimeline? Second = null);

/// <summary>
/// One producer's tracks delivered to one sink (mediasoup's consumer): a cursor into the
/// producer's <see cref="PacketRing"/> (its queue is the ring between cursor and head), the
/// simulcast layer it is on and the one it should be on, keyframe waits per video track, and the
/// pace of its catch-up. Cursor, layer and pacing state belong to the one fan-out worker that
/// serves it; the target layer is set from the sink's RTCP on another thread, the binding by the
/// router.
/// </summary>
internal sealed class Consumer(IConsumerSink sink, ConsumerPlan plan, string? label = null)
{
    private int _targetLayer = 1;
    private long _cursor;
    private long _skips;
    private volatile ConsumerBinding? _binding;

    public IConsumerSink Sink { get; } = sink;

    public ConsumerPlan Plan { get; } = plan;

    /// <summary>A short name for logs and metrics ("studio", "rooms", …).</summary>
    public string Label { get; } = label ?? plan.Selector.Value;

    /// <summary>The producer it reads, null while none matches its selector.</summary>
    public Producer? Producer => _binding?.Producer;

    /// <summary>The latest binding (router-owned).</summary>
    internal ConsumerBinding? Binding
    {
        get => _binding;
        set => _binding = value;
    }

    private volatile ConsumerBinding? _served;

    /// <summary>The binding the worker currently serves (worker-written; read by RTCP handling for NACKs and PLIs).</summary>
    internal ConsumerBinding? Served
    {
        get => _served;
        set => _served = value;
    }

    /// <summary>The worker serving this consumer (set once by the pool).</summary>
    internal FanOutWorker? Worker { get; set; }

    /// <summary>Next ring position to look at (worker-owned; read by metrics).</summary>
    public long Cursor
    {
        get => Volatile.Read(ref _cursor);
        set => Volatile.Write(ref _cursor, value);
    }

    /// <summary>Packets waiting for this consumer: its queue depth.</summary>
    public int QueueDepth => Served is { } served ? (int)Math.Clamp(served.Producer.Ring.Head - Cursor, 0, int.MaxValue) : 0;

    /// <summary>The first video track's state (layered) and the second's.</summary>
    internal VideoFollow Camera { get; } = new();

    internal VideoFollow Second { get; } = new();

    /// <summary>The layer it receives, −1 before its first keyframe.</summary>
    public int CurrentLayer => Camera.CurrentLayer;

    /// <summary>The SSRC of the source stream of the first video track it is on (for sender reports), 0 before the first video packet.</summary>
    public uint CurrentVideoSsrc => Camera.CurrentSsrc;

    /// <summary>The layer its bandwidth allows and it asked for; switched to at that layer's next keyframe.</summary>
    public int TargetLayer
    {
        get => Volatile.Read(ref _targetLayer);
        set => Volatile.Write(ref _targetLayer, value);
    }

    /// <summary>Times it fell more than the queue bound behind and skipped to the next keyframe.</summary>
    public long Skips => Interlocked.Read(ref _skips);

    internal void OnSkipped() => Interlocked.Increment(ref _skips);

    /// <summary>Replaying the picture group after joining (paced, old audio skipped) until within the live window.</summary>
    internal bool CatchingUp { get; set; }

    // Catch-up pacing (token bucket in bytes), worker-owned.
    internal long Tokens { get; set; } = -1;

    internal long RefilledAt { get; set; }

    /// <summary>Chooses the layer from the sink's REMB, receiver-report loss and the layers' bitrates.</summary>
    public LayerSelector Selector { get; init; } = new();

    private int _rtxSequence = System.Security.Cryptography.RandomNumberGenerator.GetInt32(ushort.MaxValue);

    /// <summary>The next sequence number of the sink's RTX stream (RFC 4588 §4: its own numbering).</summary>
    internal ushort NextRtxSequence() => (ushort)Interlocked.Increment(ref _rtxSequence);

    /// <summary>Set when the sink's session ends; the worker forgets the consumer.</summary>
    public bool Closed { get; set; }

    /// <summary>The sink's track a ring entry goes to, or null when the consumer does not carry it.</summary>
    internal NegotiatedTrack? TrackFor(in RingEntry entry) =>
        !entry.IsVideo ? Plan.Audio : entry.Layer == PacketRing.SecondVideoStream ? Plan.SecondVideo : Plan.Video;

    /// <summary>The ring stream a sink track currently shows (for its NACKs and PLIs), −1 when it is not this consumer's.</summary>
    internal int StreamOfTrack(NegotiatedTrack track)
    {
        if (ReferenceEquals(track, Plan.SecondVideo)) return PacketRing.SecondVideoStream;
        if (ReferenceEquals(track, Plan.Video)) return Math.Max(0, Camera.CurrentLayer);
        return -1;
    }
}

/// <summary>A consumer's state for one video track: the stream it is on, and whether it waits for a keyframe.</summary>
internal sealed class VideoFollow
{
    /// <summary>The ring stream it receives, −1 before its first keyframe.</summary>
    public int CurrentLayer { get; set; } = -1;

    /// <summary>The SSRC of the source stream it is on, 0 before the first packet.</summary>
    public uint CurrentSsrc { get; set; }

    /// <summary>Video waits for a keyframe (start, after a skip, after a new source).</summary>
    public bool WaitingForKeyframe { get; set; } = true;

    /// <summary>
    /// A keyframe asked for that has not come after this long is asked for again. A request can be
    /// lost (RTCP over UDP) or dropped by the publisher (Chromium's encoder ignores a request that
    /// comes within a few hundred ms of the previous one), and without a second request a new
    /// player would wait for a picture that never comes. The producer's throttle still sends at
    /// most one request a second per stream, however many players ask again.
    /// </summary>
    public static readonly long KeyframeRetryTicks = TimeSpan.TicksPerMillisecond * 1500;

    /// <summary>The stream a keyframe was last asked for on this track's behalf (asked once per switch, again after <see cref="KeyframeRetryTicks"/>).</summary>
    public int KeyframeAskedFor { get; set; } = -1;

    /// <summary>When <see cref="KeyframeAskedFor"/> was last asked (UTC ticks).</summary>
    public long KeyframeAskedAt { get; set; }

    /// <summary>The source track of the last packet, to notice a new source.</summary>
    public NegotiatedTrack? LastSource { get; set; }

    public void Reset()
    {
        CurrentLayer = -1;
        CurrentSsrc = 0;
        WaitingForKeyframe = true;
        KeyframeAskedFor = -1;
        LastSource = null;
    }

    /// <summary>
    /// Whether a keyframe of <paramref name="stream"/> should be asked for now: the first time for
    /// that stream, or again once <see cref="KeyframeRetryTicks"/> passed without it. Records the ask.
    /// </summary>
    public bool ShouldAskForKeyframe(int stream, long nowTicks)
    {
        if (KeyframeAskedFor == stream && nowTicks - KeyframeAskedAt < KeyframeRetryTicks) return false;
        KeyframeAskedFor = stream;
        KeyframeAskedAt = nowTicks;
        return true;
    }
}

/// <summary>
/// Plain RTP to a UDP address (the recorder's ffmpeg on loopback, tests), sent from the relay's
/// own media socket through the same batch as WebRTC players: no SRTP, no ICE.
/// </summary>
internal sealed class PlainRtpSink(IMediaPath path, int maxLayer = SessionSetup.NoCeiling) : IConsumerSink
{
    public bool IsReady => Path.IsOpen;

    public IMediaPath Path { get; } = path;

    IMediaPath? IConsumerSink.Path => Path;

    public int MaxLayer { get; } = maxLayer;

    public SessionCounters Stats { get; } = new();

    public bool PlaysOnArrival => false;

    public RoundTripTimes? RoundTrips => null;

    public bool TryProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = length;
        return true;
    }

    public void SendRtp(Span<byte> buffer, int length) => Path.Send(buffer[..length]);

    public void SendRtcp(Span<byte> buffer, int length) => Path.Send(buffer[..length]);
}

/// <summary>
/// Spreads a player's m-lines over the producers it asked for, in the order asked: each
/// producer takes the next audio section and the next video section; the studio a second video
/// section (courseware); "rooms" every video section left (with an audio section each while
/// there are any). A browser asks for studio + stage with two audio and three video sections
/// (studio camera, studio courseware, stage); one audio and one video get the studio's audio and
/// camera. Each section's msid in the answer names its slot ("studio camera", "rooms-3 video").
/// </summary>
internal static class ConsumerPlanner
{
    /// <summary>What a WHEP request without <c>?producers=</c> gets: the studio, and the room on stage when it has sections for it.</summary>
    public static IReadOnlyList<ProducerSelector> Default { get; } = [ProducerSelector.Studio, ProducerSelector.AnyStage];

    public static IReadOnlyList<ConsumerPlan> Assign(IReadOnlyList<ProducerSelector> selectors, IReadOnlyList<NegotiatedTrack> tracks)
    {
        var audio = new Queue<NegotiatedTrack>(tracks.Where(t => t.Kind == "audio"));
        var video = new Queue<NegotiatedTrack>(tracks.Where(t => t.Kind == "video"));
        var plans = new List<ConsumerPlan>();
        foreach (var selector in selectors)
        {
            if (selector == ProducerSelector.AnyRoom)
            {
                while (video.Count > 0) plans.Add(new ConsumerPlan(selector, audio.Count > 0 ? audio.Dequeue() : null, video.Dequeue(), null));
                continue;
            }

            var a = audio.Count > 0 ? audio.Dequeue() : null;
            var v = video.Count > 0 ? video.Dequeue() : null;
            var second = selector == ProducerSelector.Studio && video.Count > 0 ? video.Dequeue() : null;
            plans.Add(new ConsumerPlan(selector, a, v, second));
        }

        return plans;
    }

    /// <summary>The msid ("stream track", RFC 8830) of each planned section by mid; sections no producer takes are "unused".</summary>
    public static IReadOnlyDictionary<string, string> Labels(IReadOnlyList<ConsumerPlan> plans, IReadOnlyList<NegotiatedTrack> tracks)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var rooms = 0;
        foreach (var plan in plans)
        {
            var stream = plan.Selector == ProducerSelector.AnyRoom ? "rooms-" + (++rooms).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : plan.Selector.Value.Replace(':', '-');
            if (plan.Audio is { } a) labels[a.Mid] = stream + " audio";
            if (plan.Video is { } v) labels[v.Mid] = stream + (plan.Selector == ProducerSelector.Studio ? " camera" : " video");
            if (plan.SecondVideo is { } s) labels[s.Mid] = stream + " courseware";
        }

        foreach (var track in tracks) labels.TryAdd(track.Mid, "unused " + track.Kind);
        return labels;
    }

    /// <summary>
    /// Reads WHEP's <c>?producers=</c>: a comma-separated list of "studio", "stage", "rooms",
    /// "stage:{classroom}" or "room:{classroom}", each once; "rooms" last. Null with an error
    /// text when the list is malformed.
    /// </summary>
    public static IReadOnlyList<ProducerSelector>? Parse(string? value, out string? error)
    {
        error = null;
        if (value is null) return Default;
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var selectors = new List<ProducerSelector>();
        foreach (var part in parts)
        {
            var ok = part is ProducerIds.Studio or "stage" or "rooms"
                || (part.StartsWith(ProducerIds.StagePrefix, StringComparison.Ordinal) && IsId(part.AsSpan(ProducerIds.StagePrefix.Length)))
                || (part.StartsWith(ProducerIds.RoomPrefix, StringComparison.Ordinal) && IsId(part.AsSpan(ProducerIds.RoomPrefix.Length)));
            if (!ok) { error = $"'{part}' is not a producer: use studio, stage, rooms, stage:{{classroom}} or room:{{classroom}}"; return null; }
            var selector = new ProducerSelector(part);
            if (selectors.Contains(selector)) { error = $"'{part}' is listed twice"; return null; }
            if (selectors.Contains(ProducerSelector.AnyRoom)) { error = "'rooms' takes every section left, so it must come last"; return null; }
            selectors.Add(selector);
        }

        if (selectors.Count > 40) { error = "at most 40 producers"; return null; }
        return selectors;
    }

    private static bool IsId(ReadOnlySpan<char> text) => text.Length is > 0 and <= 18 && !text.ContainsAnyExceptInRange('0', '9');
}
