using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Media;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Sessions;

/// <summary>
/// One WHIP or WHEP peer: ICE-lite state, its DTLS association and SRTP contexts, and the
/// negotiated tracks. Reports upward through <see cref="ISessionListener"/> (registry) and
/// <see cref="IMediaListener"/> (room); owns nothing shared.
/// </summary>
public sealed class RelaySession : Rooms.IProducerSource, Rooms.IConsumerSink
{
    private readonly Lock _gate = new();
    private readonly SessionContext _context;
    private readonly ISessionListener _listener;
    private readonly IMediaListener _media;
    private QueuedDatagramTransport? _dtlsTransport;
    private DtlsChannel? _dtls;
    private volatile SrtpPair? _srtp;
    private volatile IMediaPath? _path;
    private long _lastConsentTimestamp;
    private readonly NegotiatedTrack[] _tracks;
    private volatile SessionState _state = SessionState.WaitingForIce;

    internal SessionContext Context => _context;

    /// <summary>Packets, bytes, NACKs, keyframe requests and RTT of this session (metrics).</summary>
    internal SessionCounters Stats { get; } = new();

    /// <summary>Sender reports sent to this player, for its RTT.</summary>
    internal Rooms.RoundTripTimes RoundTrips { get; } = new();

    internal RelaySession(SessionContext context, ISessionListener listener, IMediaListener media, SessionSetup description)
    {
        _context = context;
        _listener = listener;
        _media = media;
        Id = description.Id;
        LessonId = description.LessonId;
        Subject = description.Subject;
        TokenId = description.TokenId;
        ClientAddress = description.ClientAddress;
        Role = description.Role;
        Tracks = description.Tracks;
        _tracks = [.. description.Tracks];
        RemoteFingerprint = description.RemoteFingerprint;
        MaxLayer = description.MaxLayer;
        RemoteIce = description.RemoteIce;
        LocalIce = description.LocalIce;
        ProducerId = description.ProducerId;
        ConsumerPlans = description.ConsumerPlans.Count > 0 || Role != SessionRole.Player
            ? description.ConsumerPlans
            : Rooms.ConsumerPlanner.Assign(Rooms.ConsumerPlanner.Default, Tracks);
        _lastConsentTimestamp = context.Time.GetTimestamp();
    }

    public string Id { get; }
    public string LessonId { get; }
    public string Subject { get; }

    /// <summary>Id (jti) of the join token that created the session; a revocation of that token closes it.</summary>
    public string? TokenId { get; }

    /// <summary>The creating client's address (per-address cap), null when the transport had none.</summary>
    public string? ClientAddress { get; }
    public SessionRole Role { get; }
    public IReadOnlyList<NegotiatedTrack> Tracks { get; }
    public string RemoteFingerprint { get; }

    /// <summary>A player's join number in its room (1, 2, …; 0 for a publisher): the metrics label, which must not name the session.</summary>
    internal int PlayerNumber { get; set; }

    /// <summary>The highest simulcast layer a player asked for (WHEP <c>?maxLayer=</c>; 2 = no ceiling).</summary>
    public int MaxLayer { get; }

    /// <summary>A WebRTC player (browser or edge relay) plays out by arrival.</summary>
    public bool PlaysOnArrival => true;
    public IceCredentials LocalIce { get; private set; }
    public IceCredentials RemoteIce { get; private set; }
    public SessionState State => _state;

    /// <summary>The track of a kind, or null (index loop over an array: no enumerator per packet).</summary>
    internal NegotiatedTrack? TrackOfKind(string kind)
    {
        var tracks = _tracks;
        for (var i = 0; i < tracks.Length; i++)
        {
            if (string.Equals(tracks[i].Kind, kind, StringComparison.Ordinal)) return tracks[i];
        }

        return null;
    }

    /// <summary>
    /// The track a publisher packet belongs to. BUNDLEd sections of one kind share payload types
    /// (a studio's camera and courseware are both VP8 96), so the SSRCs the offer announced for a
    /// section decide first; a packet on an SSRC no section announced (simulcast layers, named by
    /// rid) goes to the first section of its payload type that announced none, else the first.
    /// </summary>
    internal NegotiatedTrack? TrackOf(int payloadType, uint ssrc)
    {
        var tracks = _tracks;
        NegotiatedTrack? unannounced = null;
        NegotiatedTrack? first = null;
        for (var i = 0; i < tracks.Length; i++)
        {
            var track = tracks[i];
            if (!track.HasPayloadType(payloadType)) continue;
            var ssrcs = track.RemoteSsrcs;
            for (var j = 0; j < ssrcs.Count; j++)
            {
                if (ssrcs[j] == ssrc) return track;
            }

            first ??= track;
            if (ssrcs.Count == 0) unannounced ??= track;
        }

        return unannounced ?? first;
    }

    public IMediaPath? Path => _path;

    /// <summary>Bumped on every ICE restart; the resource's ETag (RFC 9725 §4.4.1).</summary>
    public int IceGeneration { get; private set; }

    public string ETag => $"\"{Id}-{IceGeneration}\"";

    /// <summary>
    /// A connectivity check authenticated with our password arrived on <paramref name="path"/>
    /// (RFC 8445 §7.3). It refreshes consent (RFC 7675 §5.1); a lite agent takes the first valid
    /// path, and moves to a nominated one (USE-CANDIDATE, §7.3.1.5) when the controller says so.
    /// </summary>
    internal void OnValidCheck(IMediaPath path, bool nominated)
    {
        Volatile.Write(ref _lastConsentTimestamp, _context.Time.GetTimestamp());
        var previous = _path;
        if (_state == SessionState.Closed || ReferenceEquals(previous, path)) return;
        if (previous is not null && previous.IsOpen && !nominated) return;
        _path = path;
        _listener.OnPathSelected(this, previous, path);
        StartDtlsOnce();
    }

    private void StartDtlsOnce()
    {
        lock (_gate)
        {
            if (_dtlsTransport is not null || _state != SessionState.WaitingForIce) return;
            _state = SessionState.Handshaking;
            _dtlsTransport = new QueuedDatagramTransport(d => _path?.Send(d.Span));
        }

        _ = HandshakeAsync(_dtlsTransport);
    }

    private async Task HandshakeAsync(QueuedDatagramTransport transport)
    {
        var channel = await _context.Handshaker.AcceptAsync(transport, RemoteFingerprint, CancellationToken.None).ConfigureAwait(false);
        if (channel is null)
        {
            Close("dtls handshake failed (timeout, alert or fingerprint mismatch)");
            return;
        }

        lock (_gate)
        {
            if (_state == SessionState.Closed) { channel.Close(); return; }
            _dtls = channel;
            _srtp = SrtpPair.Create(channel.Outcome, isServer: true);
            _state = SessionState.Connected;
            ReleaseEarly(); // under the lock: packets arriving meanwhile wait, so the order is kept
        }

        channel.Closed += () => Close("dtls closed by peer");
        _listener.OnConnected(this);
        _media.OnMediaReady(this);
    }

    /// <summary>
    /// Puts a session straight into the connected state with given keys and path, skipping ICE
    /// and DTLS: for forwarding benchmarks only (Classroom.Benchmarks), never on a live path.
    /// </summary>
    internal void ActivateWithoutHandshake(SrtpPair srtp, IMediaPath path)
    {
        _srtp = srtp;
        _path = path;
        _state = SessionState.Connected;
        _media.OnMediaReady(this);
    }

    internal void OnDtlsRecord(ReadOnlySpan<byte> record)
    {
        var transport = _dtlsTransport;
        if (transport is null || !transport.Enqueue(record)) { _context.Counters.OnDropped(); return; }
        _dtls?.Drain();
    }

    /// <summary>SRTP or SRTCP from the peer, decrypted in place and handed to the room.</summary>
    internal void OnSrtp(Span<byte> packet, bool isRtcp)
    {
        var srtp = _srtp;
        if (srtp is null)
        {
            if (HoldEarly(packet, isRtcp)) return;
            srtp = _srtp; // the keys may have arrived while this waited for the lock
            if (srtp is null) { _context.Counters.OnDropped(); return; }
        }

        if (isRtcp)
        {
            if (!srtp.TryUnprotectRtcp(packet, out var n)) { _context.Counters.OnUnprotectFailed(); return; }
            _media.OnRtcp(this, packet[..n]);
        }
        else
        {
            if (Role != SessionRole.Publisher || !srtp.TryUnprotectRtp(packet, out var n)) { _context.Counters.OnUnprotectFailed(); return; }
            _media.OnRtp(this, packet[..n]);
        }
    }

    /// <summary>A player's consumers, one per producer it asked for (empty for a publisher or before media is ready).</summary>
    internal Rooms.Consumer[] Consumers { get; set; } = [];

    /// <summary>The player's first consumer (the studio for a classroom), or null.</summary>
    internal Rooms.Consumer? Feed => Consumers.Length > 0 ? Consumers[0] : null;

    /// <summary>A publisher's producer (set when its router takes it).</summary>
    internal Rooms.Producer? Producer { get; set; }

    /// <summary>The producer a publisher feeds ("studio", "stage:{room}", "room:{room}").</summary>
    public string ProducerId { get; } = Rooms.ProducerIds.Studio;

    /// <summary>A player's tracks grouped by the producer each shows.</summary>
    internal IReadOnlyList<Rooms.ConsumerPlan> ConsumerPlans { get; } = [];

    bool Rooms.IProducerSource.CanReceiveRtcp => _state == SessionState.Connected;

    void Rooms.IProducerSource.OnDropped() => _context.Counters.OnDropped();

    NegotiatedTrack? Rooms.IProducerSource.TrackOf(int payloadType, uint ssrc) => TrackOf(payloadType, ssrc);

    void Rooms.IProducerSource.SendRtcp(Span<byte> buffer, int length) => SendRtcp(buffer, length);

    bool Rooms.IConsumerSink.IsReady => _state == SessionState.Connected && _path is not null;

    SessionCounters Rooms.IConsumerSink.Stats => Stats;

    Rooms.RoundTripTimes? Rooms.IConsumerSink.RoundTrips => RoundTrips;

    bool Rooms.IConsumerSink.TryProtectRtp(Span<byte> buffer, int length, out int protectedLength) => TryProtectRtp(buffer, length, out protectedLength);

    void Rooms.IConsumerSink.SendRtp(Span<byte> buffer, int length) => SendRtp(buffer, length);

    void Rooms.IConsumerSink.SendRtcp(Span<byte> buffer, int length) => SendRtcp(buffer, length);

    /// <summary>Packets held while the handshake finishes (the peer's side completes first).</summary>
    private const int MaxEarlyPackets = 64;

    private Queue<(byte[] Packet, bool IsRtcp)>? _early;

    /// <summary>
    /// SRTP that arrives between the peer finishing DTLS and the relay installing the keys (the
    /// peer sends media the moment its side is done, the relay's side finishes a moment later on
    /// another thread) is held, not dropped: a studio's first packets are its keyframe. Copies are
    /// made only in that short window, at most <see cref="MaxEarlyPackets"/>.
    /// </summary>
    private bool HoldEarly(ReadOnlySpan<byte> packet, bool isRtcp)
    {
        lock (_gate)
        {
            if (_state != SessionState.Handshaking || _srtp is not null) return false;
            _early ??= new Queue<(byte[], bool)>();
            if (_early.Count >= MaxEarlyPackets) return false;
            _early.Enqueue((packet.ToArray(), isRtcp));
            return true;
        }
    }

    private void ReleaseEarly()
    {
        var early = _early;
        _early = null;
        if (early is null) return;
        foreach (var (packet, isRtcp) in early) OnSrtp(packet, isRtcp);
    }

    /// <summary>Protects one plain RTP packet in place (the fan-out sends it in a batch).</summary>
    internal bool TryProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        var srtp = _srtp;
        protectedLength = 0;
        return srtp is not null && srtp.TryProtectRtp(buffer, length, out protectedLength);
    }

    /// <summary>Protects and sends one plain RTP packet sitting in <paramref name="buffer"/>[..length].</summary>
    internal void SendRtp(Span<byte> buffer, int length)
    {
        var srtp = _srtp;
        var path = _path;
        if (srtp is null || path is null) return;
        if (srtp.TryProtectRtp(buffer, length, out var n)) path.Send(buffer[..n]);
    }

    /// <summary>Protects and sends one plain RTCP packet.</summary>
    internal void SendRtcp(Span<byte> buffer, int length)
    {
        var srtp = _srtp;
        var path = _path;
        if (srtp is null || path is null) return;
        if (srtp.TryProtectRtcp(buffer, length, out var n)) path.Send(buffer[..n]);
    }

    /// <summary>ICE restart (RFC 8445 §9, RFC 9725 §4.4.1): new local credentials, DTLS and SRTP kept.</summary>
    internal IceCredentials RestartIce(IceCredentials remote)
    {
        lock (_gate)
        {
            RemoteIce = remote;
            LocalIce = IceCredentials.Generate();
            IceGeneration++;
            return LocalIce;
        }
    }

    /// <summary>
    /// RFC 7675 §5.1: no authenticated check within the timeout means consent is gone. Measured on
    /// the monotonic clock: a calendar stepped forward (NTP) would end every session at once.
    /// </summary>
    internal bool ConsentExpired(long nowTimestamp, TimeSpan timeout) =>
        _context.Time.GetElapsedTime(Volatile.Read(ref _lastConsentTimestamp), nowTimestamp) > timeout;

    /// <summary>The close reason of a client's <c>DELETE</c> (for a studio: "end lesson", which ends its recording).</summary>
    internal const string DeletedByClient = "DELETE by client";

    /// <summary>True once the session was closed by its client's DELETE (not consent, DTLS, revocation or replacement).</summary>
    internal bool EndedByClient { get; private set; }

    /// <summary>
    /// Teardown in the documented order (docs/relay-lifecycle.md): session state, DTLS
    /// (close_notify, keys dropped), ICE (ufrag and path unregistered), then room removal.
    /// </summary>
    public void Close(string reason)
    {
        DtlsChannel? dtls;
        QueuedDatagramTransport? transport;
        lock (_gate)
        {
            if (_state == SessionState.Closed) return;
            _state = SessionState.Closed;
            EndedByClient = string.Equals(reason, DeletedByClient, StringComparison.Ordinal);
            dtls = _dtls;
            transport = _dtlsTransport;
            _dtls = null;
            _srtp = null;
        }

        dtls?.Close();
        transport?.Close();
        _listener.OnClosed(this, reason);
        _media.OnMediaClosed(this);
    }
}
