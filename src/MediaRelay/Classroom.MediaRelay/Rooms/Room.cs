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

    public Room(string lessonId, TimeProvider time, Action<Room> becameEmpty)
    {
        LessonId = lessonId;
        _becameEmpty = becameEmpty;
        _keyframes = new KeyframeRequestThrottle(time, TimeSpan.FromSeconds(1));
    }

    public string LessonId { get; }

    public int PlayerCount => Volatile.Read(ref _players).Length;

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
                _publisherVideoSsrc = 0;
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
            _players = [.. _players, session];
        }

        // A new viewer needs a keyframe to start decoding (RFC 4585 §6.3.1).
        RequestKeyframe();
    }

    public void OnMediaClosed(RelaySession session)
    {
        bool empty;
        lock (_gate)
        {
            if (ReferenceEquals(_publisher, session)) _publisher = null;
            if (Array.IndexOf(_players, session) >= 0) _players = _players.Where(p => !ReferenceEquals(p, session)).ToArray();
            empty = --_sessions == 0;
            _closed |= empty;
        }

        if (empty) _becameEmpty(this);
    }

    public void OnRtp(RelaySession from, Span<byte> packet)
    {
        if (!ReferenceEquals(from, _publisher) || !RtpHeader.TryRead(packet, out var header)) return;
        var track = TrackFor(from, header.PayloadType);
        if (track is null) return;
        if (track.Kind == "video")
        {
            _publisherVideoSsrc = header.Ssrc;
            SendPendingKeyframeRequest();
        }

        RtpFanOut.Forward(Volatile.Read(ref _players), track, packet);
    }

    public void OnRtcp(RelaySession from, ReadOnlySpan<byte> packet)
    {
        if (from.Role == SessionRole.Player && KeyframeRequests.Contains(packet)) RequestKeyframe();
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
        var n = RtcpPictureLoss.Write(buffer, senderSsrc: 1, mediaSsrc: ssrc);
        publisher.SendRtcp(buffer, n);
    }

    private static NegotiatedTrack? TrackFor(RelaySession session, int payloadType)
    {
        foreach (var t in session.Tracks)
        {
            if (t.HasPayloadType(payloadType)) return t;
        }

        return null;
    }
}
