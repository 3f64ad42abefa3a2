using System.Net;
using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Media;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Protocols.Srtp;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Tests.Rooms;

/// <summary>
/// A room with a publisher and players wired without sockets, ICE or DTLS (as the fan-out
/// benchmark does): sessions get random AEAD_AES_128_GCM keys and a path that records what is sent.
/// </summary>
internal sealed class ForwardingHarness : IDisposable
{
    private readonly DtlsHandshaker _handshaker;
    private readonly SessionContext _context;
    internal static readonly SdpCodec Vp8 = new(96, "VP8", 90000, null, null, []);
    private readonly Func<SessionRole, uint, NegotiatedTrack> _videoTrack;

    public ForwardingHarness(int players, TimeProvider time, LossRecoveryOptions? loss = null, FanOutOptions? fanOut = null, bool connectPlayers = true,
        Func<SessionRole, uint, NegotiatedTrack>? videoTrack = null, bool udpPlayers = false)
    {
        if (udpPlayers)
        {
            // Players on real UDP paths: the fan-out sends them through its sendmmsg batch.
            _relaySocket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            _relaySocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            PlayerSink = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            PlayerSink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        _handshaker = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 1, TimeSpan.FromSeconds(5));
        _context = new SessionContext(_handshaker, time, Counters);
        _videoTrack = videoTrack ?? ((_, ssrc) => new NegotiatedTrack("video", "0", [Vp8], ssrc, []));
        // Inline fan-out (no worker threads) and no catch-up pacing: every packet reaches every
        // player before OnRtp returns, on the calling thread, so tests can look right after.
        Pool = new FanOutPool(fanOut ?? FanOutOptions.Default with { Workers = 0, CatchUpBitsPerSecond = 0 }, Counters, time);
        Room = new Router("L1-20261123", time, _ => { }, Pool, loss);
        Publisher = NewSession(SessionRole.Publisher, 0, out _);
        for (var i = 0; i < players; i++)
        {
            if (connectPlayers) AddPlayer();
            else break;
        }
    }

    /// <summary>Connects one more player (its media becomes ready now).</summary>
    public RelaySession AddPlayer(bool keep = false, int maxLayer = SessionSetup.NoCeiling)
    {
        var player = NewSession(SessionRole.Player, (uint)(1000 + Players.Count), out var path, keep, maxLayer);
        Players.Add(player);
        PlayerPaths.Add(path);
        return player;
    }

    public RelayCounters Counters { get; } = new();

    private readonly System.Net.Sockets.Socket? _relaySocket;

    /// <summary>With <c>udpPlayers</c>: the socket every player's datagrams go to (not read; the kernel drops what overflows).</summary>
    public System.Net.Sockets.Socket? PlayerSink { get; }
    public Router Room { get; }

    /// <summary>The studio producer the harness's publisher feeds.</summary>
    public Producer Studio => Room.ProducerOf(ProducerIds.Studio)!;
    public FanOutPool Pool { get; }
    public RelaySession Publisher { get; }
    public List<RelaySession> Players { get; } = [];
    public List<RecordingPath> PlayerPaths { get; } = [];
    public RecordingPath PublisherPath => (RecordingPath)Publisher.Path!;

    /// <summary>The browser's side of a session's SRTP (fresh contexts, so no replay state).</summary>
    public SrtpPair PeerSrtp(RelaySession session) =>
        SrtpPair.Create(new DtlsOutcome(SrtpProfile.AeadAes128Gcm, _keys[session], "00"), isServer: false);

    private readonly Dictionary<RelaySession, byte[]> _keys = [];

    private RelaySession NewSession(SessionRole role, uint ssrc, out RecordingPath path, bool keep = false, int maxLayer = SessionSetup.NoCeiling)
    {
        var tracks = new[] { _videoTrack(role, ssrc) };
        var setup = new SessionSetup(Guid.NewGuid().ToString("N"), Room.LessonId, "test", role, tracks, "00",
            IceCredentials.Generate(), IceCredentials.Generate()) { MaxLayer = maxLayer };
        var session = new RelaySession(_context, new NullListener(), Room, setup);
        Room.TryAttach(session);
        var material = new byte[SrtpProfile.AeadAes128Gcm.KeyingMaterialLength()];
        Random.Shared.NextBytes(material);
        _keys[session] = material;
        path = new RecordingPath { Keep = keep };
        IMediaPath wire = role == SessionRole.Player && _relaySocket is not null
            ? new UdpPath(_relaySocket, PlayerSink!.LocalEndPoint!.Serialize(), Counters)
            : path;
        session.ActivateWithoutHandshake(SrtpPair.Create(new DtlsOutcome(SrtpProfile.AeadAes128Gcm, material, "00"), isServer: true), wire);
        return session;
    }

    public void Dispose()
    {
        Pool.Dispose();
        _handshaker.Dispose();
        _relaySocket?.Dispose();
        PlayerSink?.Dispose();
    }

    /// <summary>Counts datagrams; keeps copies only when asked (copies allocate).</summary>
    internal sealed class RecordingPath : IMediaPath
    {
        public IPEndPoint RemoteEndPoint { get; } = new(IPAddress.Loopback, 9);
        public string Protocol => "test";
        public string Remote => "test";
        public bool IsOpen => true;
        public int Sent { get; private set; }
        public bool Keep { get; set; }
        public List<byte[]> Datagrams { get; } = [];

        public void Send(ReadOnlySpan<byte> datagram)
        {
            Sent++;
            if (Keep) Datagrams.Add(datagram.ToArray());
        }
    }

    private sealed class NullListener : ISessionListener
    {
        public void OnPathSelected(RelaySession session, IMediaPath? previous, IMediaPath path) { }
        public void OnConnected(RelaySession session) { }
        public void OnClosed(RelaySession session, string reason) { }
    }
}
