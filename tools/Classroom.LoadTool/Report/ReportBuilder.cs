using Classroom.LoadTool.Engine;
using Classroom.LoadTool.Publishing;
using Classroom.LoadTool.Stats;
using Classroom.LoadTool.Stream;

namespace Classroom.LoadTool.Report;

/// <summary>Everything a finished run hands to <see cref="ReportBuilder"/>.</summary>
public sealed record ReportInputs(string Target, string Url, LoadSettings Settings, StreamShape Shape, IReadOnlyList<PlayerProbe> Probes,
    LossCount Loss, RunDelays Delays, PacedPublisher? Publisher, double RunSeconds, double ToolCpuCores, ServerUsage? Server, SocketDrops? Drops = null);

/// <summary>Kernel receive-buffer drops on the server's and on the tool's UDP sockets, sampled at the end of the window.</summary>
public sealed record SocketDrops(long? Server, long? Players);

/// <summary>Turns probes and counters into the report: per-player join times into distributions, delays from the histogram.</summary>
public static class ReportBuilder
{
    private const int MaxListedFailures = 20;

    public static LoadReport Build(ReportInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var probes = inputs.Probes;
        var connected = probes.Where(p => p.ConnectedNanos != 0).ToArray();
        var keyframed = probes.Where(p => p.FirstKeyframeNanos != 0).ToArray();
        return new LoadReport
        {
            Target = inputs.Target,
            Url = inputs.Url,
            PlayersRequested = probes.Count,
            PlayersConnected = connected.Length,
            PlayersFailed = probes.Count(p => p.Failure is not null),
            PlayersWithKeyframe = keyframed.Length,
            PlayersWithPackets = probes.Count(p => p.Packets > 0),
            RunSeconds = Math.Round(inputs.RunSeconds, 3),
            BitrateKbps = inputs.Shape.BitsPerSecond / 1000.0,
            GopSeconds = inputs.Shape.Gop.TotalSeconds,
            ConnectMs = Percentile.Summarize(connected.Select(p => (p.ConnectedNanos - p.JoinStartNanos) / 1e6)),
            JoinToKeyframeMs = Percentile.Summarize(keyframed.Select(p => (p.FirstKeyframeNanos - p.JoinStartNanos) / 1e6)),
            JoinStepsMs = Steps(connected),
            ReceivedPackets = probes.Sum(p => p.Packets),
            ExpectedPackets = inputs.Loss.Expected,
            LostPackets = inputs.Loss.Lost,
            LossPercent = Math.Round(inputs.Loss.LossPercent, 4),
            DuplicatePackets = inputs.Loss.Duplicates,
            LatePackets = inputs.Loss.Late,
            ForwardingDelayMs = Delays(inputs.Delays.All),
            SteadyForwardingDelayMs = Delays(inputs.Delays.Steady),
            SocketArrivalShare = Math.Round(inputs.Delays.KernelStampedShare, 4),
            SteadyReadDelayMs = Delays(inputs.Delays.SteadyRead),
            PublisherSentPackets = inputs.Publisher?.Stream.Sent ?? 0,
            PublisherKeyframes = inputs.Publisher?.Stream.Keyframes ?? 0,
            KeyframeRequestsAtPublisher = inputs.Publisher?.Requests?.Total,
            MaxKeyframeRequestsPerSecond = inputs.Publisher?.Requests?.MaxPerSecond,
            Server = inputs.Server,
            ServerSocketDrops = inputs.Drops?.Server,
            PlayerSocketDrops = inputs.Drops?.Players,
            ToolCpuCores = Math.Round(inputs.ToolCpuCores, 3),
            Failures = probes.Where(p => p.Failure is not null).Take(MaxListedFailures).Select(p => $"player {p.Index}: {p.Failure}").ToArray(),
        };
    }

    private static JoinSteps Steps(PlayerProbe[] connected)
    {
        var timed = connected.Where(p => p.Timings.DtlsDone != 0).ToArray();
        return new JoinSteps(
            Percentile.Summarize(timed.Select(p => (SendStamp.ToNanos(p.Timings.Answered) - p.JoinStartNanos) / 1e6)),
            Percentile.Summarize(timed.Select(p => p.Timings.IceMs)),
            Percentile.Summarize(timed.Select(p => p.Timings.DtlsStartMs)),
            Percentile.Summarize(timed.Select(p => p.Timings.DtlsFirstReplyMs)),
            Percentile.Summarize(timed.Select(p => p.Timings.DtlsRestMs)),
            Percentile.Summarize(connected.Where(p => p.FirstKeyframeNanos != 0).Select(p => (p.FirstKeyframeNanos - p.ConnectedNanos) / 1e6)));
    }

    /// <summary>Histogram (µs) to milliseconds; p95 is reported as well as p99.</summary>
    public static Distribution Delays(DelayHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.Count == 0) return Distribution.Empty;
        static double? Ms(long? micros) => micros is { } m ? m / 1000.0 : null;
        return new Distribution(histogram.Count, Ms(histogram.PercentileMicros(50)), Ms(histogram.PercentileMicros(95)),
            Ms(histogram.PercentileMicros(99)), Ms(histogram.MaxMicros));
    }
}
