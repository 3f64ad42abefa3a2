using System.Runtime.CompilerServices;
using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// One lesson's forwarding unit: the publisher, the connected players, and the codec each kind is
/// fixed to (no transcoding). Forwarding reads an immutable snapshot of players, so joins and
/// leaves never block the packet path; a slow player only drops its own packets.
/// </summary>
internal sealed class Room : IMediaListener
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CodecKey> _codecs = new(StringComparer.Ordinal);
    private readonly KeyframeRequestThrottle _keyframes;
    private readonly Action<Room> _becameEmpty;
    private RelaySession? _publisher;
    private RelaySession[] _players = [];
    private int _sessions;
    private bool _closed;
    private uint _publisherVideoSsrc;
    private readonly ReceptionStats _audioStats = new();
    private readonly ReceptionStats _videoStats = new();
    private readonly TimeProvider _time;
    private readonly GopCache _gop = new(MaxCachedPackets);
    private RelaySession? _gopOwner;
    private RelaySession[] _joining = [];
    private readonly RetransmissionCache _retransmissions;
    private readonly NackGenerator _nacks;

    /// <summary>About 4 s of 720p video; longer picture groups fall back to a keyframe request.</summary>
    private const int MaxCachedPackets = 600;

    /// <summary>The SSRC the relay's own RTCP (PLI, RR) is sent from.</summary>
    private const uint RelaySsrc = 1;

    /// <summary>Sequence numbers in one NACK the relay sends (the rest go in the next one).</summary>
    private const int MaxNackedPerPacket = 128;

    public Room(string lessonId, TimeProvider time, Action<Room> becameEmpty, LossRecoveryOptions? loss = null)
    {
        loss ??= LossRecoveryOptions.Default;
        _retransmissions = new RetransmissionCache(loss.CachePackets);
        _nacks = new NackGenerator(loss, time);
        LessonId = lessonId;
        _time = time;
        _becameEmpty = becameEmpty;
        _keyframes = new KeyframeRequestThrottle(time, TimeSpan.FromSeconds(1));
    }

    public string LessonId { get; }

    /// <summary>NACKs, retransmissions and keyframe requests of this room.</summary>
    public RoomCounters Counters { get; } = new();

    public int PlayerCount => Volatile.Read(ref _players).Length;

    /// <summary>The live players (a snapshot).</summary>
    internal RelaySession[] Players => Volatile.Read(ref _players);

    public RelaySession? Publisher => _publisher;

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
            if (session.Role == SessionRole.Publisher)
            {
                foreach (var track in session.Tracks) _codecs[track.Kind] = track.Primary;
                replaced = _publisher;
                _publisher = session;
                _publisherVideoSsrc = 0; // reception stats restart by themselves on the new SSRCs
            }
        }

        replaced?.Close("replaced by a new publisher");
        return true;
    }

    public void OnMediaReady(RelaySession session)
    {
        if (session.Role != SessionRole.Player) return;
        lock (_gate)
        {
            if (session.State == SessionState.Closed) return;
            _joining = [.. _joining, session];
        }

        // A viewer needs a keyframe to start decoding: the cached one if there is one, else ask
        // the publisher (RFC 4585 §6.3.1). Without a publisher, it joins with the first packet.
        if (!_gop.IsValid) RequestKeyframe();
    }

    /// <summary>
    /// On the publisher's receive path, before the current packet is forwarded: joining players
    /// first get the cached picture group (keyframe onwards), then join the live fan-out. Doing
    /// it here keeps cache replay and live packets in order without a lock on the cache.
    /// </summary>
    private void AdmitJoiningPlayers(RelaySession publisher)
    {
        RelaySession[] joining;
        lock (_gate)
        {
            joining = _joining;
            _joining = [];
        }

        var video = publisher.TrackOfKind("video");
        var replay = video is not null && ReferenceEquals(_gopOwner, publisher) && _gop.IsValid;
        foreach (var player in joining)
        {
            if (replay)
            {
                for (var i = 0; i < _gop.Count; i++)
                {
                    if (RtpFanOut.ForwardTo(player, video!, _gop[i])) Counters.OnSent(1, _gop[i].Length);
                }
            }

            lock (_gate)
            {
                if (player.State != SessionState.Closed) _players = [.. _players, player];
            }
        }

        if (!replay) RequestKeyframe();
    }

    public void OnMediaClosed(RelaySession session)
    {
        bool empty;
        lock (_gate)
        {
            if (ReferenceEquals(_publisher, session)) _publisher = null;
            if (Array.IndexOf(_players, session) >= 0) _players = _players.Where(p => !ReferenceEquals(p, session)).ToArray();
            if (Array.IndexOf(_joining, session) >= 0) _joining = _joining.Where(p => !ReferenceEquals(p, session)).ToArray();
            empty = --_sessions == 0;
            _closed |= empty;
        }

        if (empty) _becameEmpty(this);
    }

    public void OnRtp(RelaySession from, Span<byte> packet)
    {
        if (!ReferenceEquals(from, _publisher) || !RtpHeader.TryRead(packet, out var header)) return;
        var track = from.TrackWithPayloadType(header.PayloadType);
        if (track is null) return;
        if (Volatile.Read(ref _joining).Length > 0) AdmitJoiningPlayers(from);
        (track.Kind == "video" ? _videoStats : _audioStats).OnPacket(header.Ssrc, header.SequenceNumber);
        if (track.Kind == "video")
        {
            if (!ReferenceEquals(_gopOwner, from))
            {
                _gop.Reset();
                _gopOwner = from;
            }

            _gop.Add(packet, header.Timestamp, KeyframeDetector.IsKeyframeStart(KindOf(track.Primary), header.Payload));
            _publisherVideoSsrc = header.Ssrc;
            _retransmissions.Add(packet, header.Ssrc, header.SequenceNumber);
            _nacks.OnPacket(header.Ssrc, header.SequenceNumber);
            if (_nacks.Missing > 0) SendNacks(from);
            SendPendingKeyframeRequest();
        }

        var sent = RtpFanOut.Forward(Volatile.Read(ref _players), track, packet);
        Counters.OnSent(sent, (long)sent * packet.Length);
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
            from.RoundTrips.OnRtcp(packet, from.Stats, _time.GetUtcNow().UtcTicks);
            if (KeyframeRequests.Contains(packet))
            {
                from.Stats.OnKeyframeRequest();
                Counters.OnKeyframeRequest();
                RequestKeyframe();
            }

            if (_publisher?.TrackOfKind("video") is { } video) NackResponder.Answer(packet, from, video.Primary, _retransmissions, Counters);
            return;
        }

        if (ReferenceEquals(from, _publisher)) SenderReports.Forward(packet, this, Volatile.Read(ref _players), _time.GetUtcNow().UtcTicks);
    }

    /// <summary>Which publisher stream an SSRC is (for its SR), or null.</summary>
    internal (ReceptionStats Stats, string Kind)? StreamOf(uint ssrc) =>
        _videoStats.Ssrc == ssrc ? (_videoStats, "video") : _audioStats.Ssrc == ssrc ? (_audioStats, "audio") : null;

    /// <summary>
    /// Sends the publisher one receiver report (RFC 3550 §6.4.2) covering its audio and video
    /// streams; called once a second by the runtime.
    /// </summary>
    public void SendReceiverReport()
    {
        var publisher = _publisher;
        if (publisher is null || publisher.State != SessionState.Connected) return;
        var now = _time.GetUtcNow().UtcTicks;
        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[2];
        var count = 0;
        if (_audioStats.TryBuildBlock(now, out var audio)) blocks[count++] = audio;
        if (_videoStats.TryBuildBlock(now, out var video)) blocks[count++] = video;
        if (count == 0) return;
        Span<byte> buffer = stackalloc byte[128];
        var n = RtcpReceiverReport.Write(buffer, RelaySsrc, blocks[..count]);
        publisher.SendRtcp(buffer, n);
    }

    /// <summary>NACKs the publisher for the relay's own missing video packets that are due (RFC 4585 §6.2.1).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SendNacks(RelaySession publisher)
    {
        Span<ushort> due = stackalloc ushort[MaxNackedPerPacket];
        var count = _nacks.CollectDue(due);
        if (count == 0) return;
        Span<byte> buffer = stackalloc byte[12 + (MaxNackedPerPacket * 4) + 64];
        var n = RtcpNack.Write(buffer, RelaySsrc, _nacks.Ssrc, due[..count]);
        publisher.SendRtcp(buffer, n);
        Counters.OnNackSent();
    }

    public void RequestKeyframe()
    {
        _keyframes.MarkPending();
        SendPendingKeyframeRequest();
    }

    /// <summary>Sends a remembered request once the publisher's video SSRC is known and the throttle allows.</summary>
    private void SendPendingKeyframeRequest()
    {
        var publisher = _publisher;
        var ssrc = _publisherVideoSsrc;
        if (publisher is null || ssrc == 0 || !_keyframes.TryTakePending()) return;
        Span<byte> buffer = stackalloc byte[64];
        var n = RtcpPictureLoss.Write(buffer, senderSsrc: RelaySsrc, mediaSsrc: ssrc);
        publisher.SendRtcp(buffer, n);
    }
}
