using System.ComponentModel.DataAnnotations;

namespace Classroom.MediaRelay;

/// <summary>Settings of the media relay role (configuration section "MediaRelay").</summary>
public sealed class MediaRelayOptions
{
    public const string Section = "MediaRelay";

    /// <summary>Address the UDP and TCP media sockets bind to.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Address written into ICE candidates (a public or NAT-mapped address in deployments).</summary>
    [Required]
    public string AnnouncedAddress { get; set; } = "127.0.0.1";

    /// <summary>The one UDP port every session shares (0 = any free port, for tests).</summary>
    [Range(0, 65535)]
    public int UdpPort { get; set; } = 50000;

    /// <summary>The one passive ICE-TCP port (RFC 6544) for schools that block UDP (0 = any free port).</summary>
    [Range(0, 65535)]
    public int TcpPort { get; set; } = 50000;

    /// <summary>Folder holding keys/join-token-signing.pub.pem; the server fills it from Classroom:DataFolder.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Offer candidates: "udp,tcp" (default), "udp" or "tcp".</summary>
    [Required]
    public string Transports { get; set; } = "udp,tcp";

    /// <summary>
    /// DTLS handshakes running at once; more wait without holding a thread. A handshake holds its
    /// worker for about two round trips but needs only ≈ 4 ms of CPU (ECDHE + ECDSA P-256), so the
    /// bound is set by waiting, not by cores: with 8, a classroom-sized burst of joins queued for
    /// seconds on a loaded machine and timed out beyond ≈ 500 players (docs/bench-join.md).
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentHandshakes { get; set; } = 64;

    /// <summary>How long a DTLS handshake may take before the session is closed.</summary>
    [Range(1, 120)]
    public int HandshakeTimeoutSeconds { get; set; } = 15;

    /// <summary>RFC 7675 §5.1: consent expires when no check succeeded for 30 s.</summary>
    [Range(5, 300)]
    public int ConsentTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// An ICE-TCP connection must send a STUN check that passes a session's integrity check within
    /// this many seconds, or it is closed: an idle or probing connection holds a socket and a
    /// 64 KiB read buffer, and a real browser sends its first check at once.
    /// </summary>
    [Range(1, 120)]
    public int IceTcpFirstStunSeconds { get; set; } = 5;

    /// <summary>ICE-TCP connections one remote address may hold at once; more are closed at accept.</summary>
    [Range(1, 4096)]
    public int MaxTcpConnectionsPerAddress { get; set; } = 64;

    /// <summary>Largest SDP body accepted on WHIP/WHEP/PATCH.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxSdpBytes { get; set; } = 64 * 1024;

    /// <summary>Sessions (publishers + players) this relay takes; beyond it WHIP/WHEP answer 503 so clients go to another relay.</summary>
    [Range(1, 100_000)]
    public int MaxSessions { get; set; } = 2000;

    /// <summary>
    /// Live sessions one token subject may hold (429 beyond): a studio's publisher and preview, a
    /// room's player and on-stage publisher, and the overlap of a reconnect while the old session
    /// waits for its consent to expire.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSessionsPerSubject { get; set; } = 6;

    /// <summary>
    /// Live sessions one client address may hold (429 beyond). High on purpose: a school behind one
    /// NAT has many rooms; this stops one address from taking the whole relay.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSessionsPerAddress { get; set; } = 400;

    /// <summary>Fan-out worker threads sending to players (0 = on the receive thread; default one per core).</summary>
    [Range(0, 64)]
    public int FanOutWorkers { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// SCHED_FIFO priority for the media threads (UDP receive loop, fan-out workers) where the
    /// process may use it (root, CAP_SYS_NICE or LimitRTPRIO); 0 = normal scheduling.
    /// </summary>
    [Range(0, 99)]
    public int MediaThreadPriority { get; set; }

    /// <summary>
    /// Port of the loopback management listener that alone serves <c>GET /metrics</c> (the server
    /// adds http://127.0.0.1:{port} to its listeners); on the public port /metrics answers 404.
    /// </summary>
    [Range(1, 65535)]
    public int ManagementPort { get; set; } = 5081;

    public bool OffersUdp => Transports.Contains("udp", StringComparison.OrdinalIgnoreCase);

    public bool OffersTcp => Transports.Contains("tcp", StringComparison.OrdinalIgnoreCase);
}
