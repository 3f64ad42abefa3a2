using System.Net;
using System.Security.Cryptography;
using Classroom.Contracts.Access;
using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Classroom.MediaRelay;

/// <summary>
/// The relay's running parts: the shared UDP socket and ICE-TCP listener, the DTLS identity and
/// handshake workers, sessions, rooms and the consent timer. Started before Kestrel accepts WHIP.
/// </summary>
public sealed class MediaRelayRuntime : IHostedService, IDisposable
{
    private readonly MediaRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly MediaRelayLog _log;
    private readonly DtlsHandshaker _handshaker;
    private readonly SessionRegistry _sessions;
    private readonly RouterRegistry _rooms;
    private readonly FanOutPool _pool;
    private readonly SessionContext _context;
    private readonly ConsentMonitor _consent;
    private UdpMediaSocket? _udp;
    private TcpMediaListener? _tcp;
    private readonly Revocations? _revocations;
    private ITimer? _reports;
    private IDisposable? _revocationSubscription;

    internal MediaRelayRuntime(IOptions<MediaRelayOptions> options, TimeProvider time, MediaRelayLog log, Revocations? revocations = null)
    {
        _revocations = revocations;
        _options = options.Value;
        _time = time;
        _log = log;
        _handshaker = new DtlsHandshaker(DtlsCertificate.Create(time), _options.MaxConcurrentHandshakes,
            TimeSpan.FromSeconds(_options.HandshakeTimeoutSeconds));
        Quota = new SessionQuota(_options.MaxSessionsPerSubject, _options.MaxSessionsPerAddress);
        _sessions = new SessionRegistry(path => _udp?.Forget(path), log, Quota);
        _pool = new FanOutPool(FanOutOptions.Default with { Workers = _options.FanOutWorkers, RealtimePriority = _options.MediaThreadPriority }, Counters, time);
        _rooms = new RouterRegistry(time, _pool);
        _context = new SessionContext(_handshaker, time, Counters);
        _consent = new ConsentMonitor(_sessions, time, TimeSpan.FromSeconds(_options.ConsentTimeoutSeconds));
    }

    public RelayCounters Counters { get; } = new();

    public IPEndPoint? UdpEndPoint => _udp?.LocalEndPoint;

    public IPEndPoint? TcpEndPoint => _tcp?.LocalEndPoint;

    /// <summary>Open ICE-TCP connections (tests and stats).</summary>
    public int TcpConnections => _tcp?.Connections ?? 0;

    public string Fingerprint => _handshaker.Certificate.Fingerprint;

    public int SessionCount => _sessions.Count;

    internal ConsentMonitor Consent => _consent;

    /// <summary>Live sessions per subject and per client address (the caps).</summary>
    internal SessionQuota Quota { get; }

    internal RouterRegistry Rooms => _rooms;

    /// <summary>Live sessions (tests and stats).</summary>
    public IEnumerable<RelaySession> Sessions => _sessions.All;

    public IReadOnlyList<IceCandidate> Candidates { get; private set; } = [];

    private void LogPriority(bool granted)
    {
        if (granted) _log.MediaThreadsRealtime(_options.MediaThreadPriority);
        else _log.MediaThreadsNotRealtime(_options.MediaThreadPriority);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var bind = IPAddress.Parse(_options.BindAddress);
        var demux = new MediaDemultiplexer(new IceLiteResponder(_sessions, Counters), _sessions, Counters);
        var candidates = new List<IceCandidate>();
        // The UDP socket always runs; "Transports" only decides which candidates the answer announces.
        _udp = BindOrFallBack(_options.UdpPort, "UDP", port => new UdpMediaSocket(new IPEndPoint(bind, port), demux, Counters, _options.MediaThreadPriority, LogPriority));
        _udp.Start();
        if (_options.OffersUdp) candidates.Add(new IceCandidate("1", "udp", _options.AnnouncedAddress, _udp.LocalEndPoint.Port, TcpPassive: false));

        if (_options.OffersTcp)
        {
            var limits = new IceTcpLimits(TimeSpan.FromSeconds(_options.IceTcpFirstStunSeconds), _options.MaxTcpConnectionsPerAddress);
            _tcp = BindOrFallBack(_options.TcpPort, "TCP", port => new TcpMediaListener(new IPEndPoint(bind, port), demux, Counters, limits, _time));
            _tcp.Start();
            candidates.Add(new IceCandidate("2", "tcp", _options.AnnouncedAddress, _tcp.LocalEndPoint.Port, TcpPassive: true));
        }

        Candidates = candidates;
        _revocationSubscription = _revocations?.Subscribe(OnRevoked);
        _consent.Start();
        _reports = _time.CreateTimer(_ => SendReceiverReports(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _log.Listening(_udp?.LocalEndPoint.ToString() ?? "-", _tcp?.LocalEndPoint.ToString() ?? "-", _options.AnnouncedAddress);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A taken port (a second process or test host on one machine) falls back to a free one: the
    /// answer announces the port actually bound, so sessions still work; the warning tells the
    /// operator the firewall rule no longer matches.
    /// </summary>
    private T BindOrFallBack<T>(int port, string protocol, Func<int, T> bind)
    {
        try
        {
            return bind(port);
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse && port != 0)
        {
            _log.PortTaken(protocol, port);
            return bind(0);
        }
    }

    /// <summary>
    /// Negotiates an offer and creates the session (WHIP: publisher, WHEP: player) for
    /// <paramref name="owner"/>, within its subject's and address's session caps; a player's
    /// <paramref name="maxLayer"/> is the highest simulcast layer it asked for.
    /// </summary>
    public CreateSessionResult CreateSession(string lessonId, SessionRole role, SessionOwner owner, string offerSdp, int maxLayer = SessionSetup.NoCeiling) =>
        CreateSession(lessonId, role, owner, offerSdp, new SessionTarget { MaxLayer = maxLayer });

    /// <summary>
    /// As above, for the producer a publisher feeds or the producers a player receives
    /// (<paramref name="target"/>; checked against the caller's token by the endpoint).
    /// </summary>
    public CreateSessionResult CreateSession(string lessonId, SessionRole role, SessionOwner owner, string offerSdp, SessionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(owner);
        switch (Quota.TryTake(owner.Subject, owner.Address))
        {
            case QuotaRefusal.Subject:
                return CreateSessionResult.Limited(nameof(MediaRelayOptions.MaxSessionsPerSubject),
                    $"'{owner.Subject}' already has {_options.MaxSessionsPerSubject} live sessions; end one (DELETE) or wait for an abandoned one to expire");
            case QuotaRefusal.Address:
                return CreateSessionResult.Limited(nameof(MediaRelayOptions.MaxSessionsPerAddress),
                    $"this client address already has {_options.MaxSessionsPerAddress} live sessions");
        }

        var result = Create(lessonId, role, owner, offerSdp, target);
        if (result.Session is null) Quota.Release(owner.Subject, owner.Address);
        return result;
    }

    private CreateSessionResult Create(string lessonId, SessionRole role, SessionOwner owner, string offerSdp, SessionTarget target)
    {
        // Negotiate before a router exists, so refused offers never leave empty routers behind.
        var local = IceCredentials.Generate();
        var producerId = target.Producer ?? ProducerIds.Studio;
        IReadOnlyList<ProducerSelector> selectors = target.Producers is { } wanted ? wanted.Select(p => new ProducerSelector(p)).ToArray() : ConsumerPlanner.Default;
        Func<string, CodecKey?> producerCodec = kind => _rooms.TryGet(lessonId, out var existing) ? existing!.CodecFor(producerId, kind) : null;
        IReadOnlyList<ConsumerPlan> plans = [];
        Func<IReadOnlyList<NegotiatedTrack>, IReadOnlyDictionary<string, string>> labels = tracks =>
        {
            plans = ConsumerPlanner.Assign(selectors, tracks);
            return ConsumerPlanner.Labels(plans, tracks);
        };
        var accepted = SessionNegotiator.TryNegotiate(offerSdp, role, producerCodec, local, Fingerprint, Candidates, labels, out var negotiated, out var reason, out var rejected);
        foreach (var section in rejected) _log.SectionRejected(section.Index, section.Kind, section.Mid, role.ToString(), lessonId, section.Reason);
        if (!accepted)
        {
            _log.OfferRefused(role.ToString(), lessonId, reason!);
            return CreateSessionResult.Refused(reason!);
        }

        var setup = new SessionSetup(RandomNumberGenerator.GetHexString(16, lowercase: true), lessonId, owner.Subject, role,
            negotiated!.Tracks, negotiated.RemoteFingerprint, negotiated.RemoteIce, local)
        {
            MaxLayer = target.MaxLayer,
            ProducerId = producerId,
            ConsumerPlans = role == SessionRole.Player ? plans : [],
            TokenId = owner.TokenId,
            ClientAddress = owner.Address,
        };
        for (var attempt = 0; attempt < 4; attempt++)
        {
            // A router that emptied between lookup and attach is closed for good; take the new one.
            var room = _rooms.GetOrCreate(lessonId);
            var session = new RelaySession(_context, _sessions, room, setup);
            if (!room.TryAttach(session)) continue;
            _sessions.Add(session);
            _log.SessionCreated(session.Id, role.ToString(), lessonId, owner.Subject);
            return new CreateSessionResult(session, negotiated.AnswerSdp, null);
        }

        return CreateSessionResult.Refused("the lesson's room is being torn down; retry");
    }

    public bool TryGetSession(string id, out RelaySession? session) => _sessions.TryGet(id, out session);

    /// <summary>ICE restart through PATCH: the session keeps DTLS/SRTP, gets new local credentials.</summary>
    public IceCredentials RestartIce(RelaySession session, IceCredentials remote)
    {
        var oldUfrag = session.LocalIce.Ufrag;
        var local = session.RestartIce(remote);
        _sessions.ReplaceUfrag(oldUfrag, session);
        _log.IceRestarted(session.Id, session.IceGeneration);
        return local;
    }

    /// <summary>
    /// A right ended before its tokens expired (device revoked, room taken off stage): the sessions
    /// it allowed close now, on the publisher's thread, each through its normal teardown. New
    /// requests with such a token are refused by <see cref="Http.RelayTokenAuthorizer"/>.
    /// </summary>
    private void OnRevoked(Revocation revocation)
    {
        var closed = 0;
        foreach (var session in _sessions.All)
        {
            if (!RevocationScope.Covers(revocation, session)) continue;
            session.Close("revoked: " + revocation.Reason);
            closed++;
        }

        _log.Revoked(closed, revocation.Subject ?? "-", revocation.TokenId ?? "-", revocation.LessonId ?? "-", revocation.Reason);
    }

    /// <summary>Once a second per router: receiver reports to every producer's source (RFC 3550 §6.2 interval, simplified), layer rates.</summary>
    private void SendReceiverReports()
    {
        foreach (var room in _rooms.All) room.Tick();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _revocationSubscription?.Dispose();
        _reports?.Dispose();
        foreach (var session in _sessions.All) session.Close("relay stopping");
        _consent.Dispose();
        _tcp?.Dispose();
        _udp?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _revocationSubscription?.Dispose();
        _reports?.Dispose();
        _consent.Dispose();
        _tcp?.Dispose();
        _udp?.Dispose();
        _pool.Dispose();
        _handshaker.Dispose();
    }
}
