using Classroom.LoadTool.Stats;

namespace Classroom.LoadTool.Report;

/// <summary>What one run measured (see docs/load-tool.md for how each number is taken). Times in milliseconds.</summary>
public sealed record LoadReport
{
    public required string Target { get; init; }
    public required string Url { get; init; }
    public required int PlayersRequested { get; init; }
    public required int PlayersConnected { get; init; }
    public required int PlayersFailed { get; init; }
    public required int PlayersWithKeyframe { get; init; }
    public required int PlayersWithPackets { get; init; }
    public required double RunSeconds { get; init; }
    public required double BitrateKbps { get; init; }
    public required double GopSeconds { get; init; }
    public required Distribution ConnectMs { get; init; }
    public required Distribution JoinToKeyframeMs { get; init; }

    /// <summary>Where the connect time went, per step, over connected players (docs/load-tool.md).</summary>
    public JoinSteps? JoinStepsMs { get; init; }
    public required long ReceivedPackets { get; init; }
    public required long ExpectedPackets { get; init; }
    public required long LostPackets { get; init; }
    public required double LossPercent { get; init; }
    public required long DuplicatePackets { get; init; }
    public required long LatePackets { get; init; }
    public required Distribution ForwardingDelayMs { get; init; }

    /// <summary>Only the samples of the steady window (all joins settled → publisher stop).</summary>
    public required Distribution SteadyForwardingDelayMs { get; init; }

    /// <summary>
    /// Share of forwarding-delay samples that end at the kernel's receive time of the datagram at
    /// the player's socket (SO_TIMESTAMPNS); the rest end when the tool read the packet.
    /// </summary>
    public required double SocketArrivalShare { get; init; }

    /// <summary>Steady window, send → the tool's receive loop read the packet: the players' own queueing on the tool's cores included.</summary>
    public required Distribution SteadyReadDelayMs { get; init; }
    public required long PublisherSentPackets { get; init; }
    public required long PublisherKeyframes { get; init; }
    public long? KeyframeRequestsAtPublisher { get; init; }
    public long? MaxKeyframeRequestsPerSecond { get; init; }
    public ServerUsage? Server { get; init; }
    public long? ServerSocketDrops { get; init; }
    public long? PlayerSocketDrops { get; init; }
    public required double ToolCpuCores { get; init; }
    public IReadOnlyList<string> Failures { get; init; } = [];
}

/// <summary>
/// A join's steps, each a distribution over connected players: queueing for a join slot in the
/// tool, the offer/answer exchange (WHEP POST → 201; at Janus create → attach → watch → offer →
/// start), ICE (first check → authenticated response), DTLS split at our ClientHello and the
/// server's first record, and connected → first keyframe.
/// </summary>
public sealed record JoinSteps(Distribution Signaling, Distribution Ice, Distribution DtlsStart, Distribution DtlsFirstReply,
    Distribution DtlsRest, Distribution ConnectedToKeyframe);

/// <summary>
/// The server process over the steady window (all joins finished → publisher stop): cores used,
/// packets players received per server CPU-second, resident memory growth per connected player.
/// </summary>
public sealed record ServerUsage(int Pid, double WindowSeconds, double CpuSeconds, double CpuCores, long PacketsDelivered,
    double? DeliveredPacketsPerCpuSecond, long RssBeforePlayersKb, long RssWithPlayersKb, double? RssPerPlayerKb);
