using System.Globalization;
using System.Text;
using Classroom.LoadTool.Stats;

namespace Classroom.LoadTool.Report;

/// <summary>The short human table printed at the end of a run.</summary>
public static class ReportTable
{
    public static string Format(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = new StringBuilder();
        Line(s, "target", $"{report.Target} {report.Url}");
        Line(s, "players", $"{report.PlayersConnected}/{report.PlayersRequested} connected, {report.PlayersFailed} failed, {report.PlayersWithKeyframe} got a keyframe");
        Line(s, "stream", $"{report.BitrateKbps:0} kbit/s, GOP {report.GopSeconds:0.#} s, run {report.RunSeconds:0.0} s, publisher sent {report.PublisherSentPackets} packets, {report.PublisherKeyframes} keyframes");
        Line(s, "connect ms", Dist(report.ConnectMs, "p95"));
        Line(s, "join→keyframe ms", Dist(report.JoinToKeyframeMs, "p95"));
        if (report.JoinStepsMs is { } j)
        {
            Line(s, "  signaling", Dist(j.Signaling, "p95"));
            Line(s, "  ice", Dist(j.Ice, "p95"));
            Line(s, "  dtls start", Dist(j.DtlsStart, "p95"));
            Line(s, "  dtls 1st reply", Dist(j.DtlsFirstReply, "p95"));
            Line(s, "  dtls rest", Dist(j.DtlsRest, "p95"));
            Line(s, "  conn→keyframe", Dist(j.ConnectedToKeyframe, "p95"));
        }

        Line(s, "packets", $"{report.ReceivedPackets} received, {report.LostPackets} lost of {report.ExpectedPackets} ({report.LossPercent:0.###}%), {report.DuplicatePackets} duplicates");
        Line(s, "forwarding ms", Dist(report.ForwardingDelayMs, "p99") + $" (to socket arrival: {report.SocketArrivalShare:P0} of samples)");
        Line(s, "  steady window", Dist(report.SteadyForwardingDelayMs, "p99"));
        Line(s, "  steady, to read", Dist(report.SteadyReadDelayMs, "p99"));
        if (report.KeyframeRequestsAtPublisher is { } requests)
            Line(s, "keyframe requests", $"{requests} at the publisher, at most {report.MaxKeyframeRequestsPerSecond} in one second");
        if (report.Server is { } server)
        {
            Line(s, "server cpu", $"{server.CpuCores:0.00} cores over {server.WindowSeconds:0.0} s (pid {server.Pid})");
            Line(s, "delivered/cpu-s", server.DeliveredPacketsPerCpuSecond is { } pps ? pps.ToString("N0", CultureInfo.InvariantCulture) : "n/a");
            Line(s, "server rss", $"{server.RssBeforePlayersKb} kB → {server.RssWithPlayersKb} kB, {Fmt(server.RssPerPlayerKb)} kB per player");
        }

        Line(s, "udp drops", $"server sockets {report.ServerSocketDrops?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}, player sockets {report.PlayerSocketDrops?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} (kernel receive-buffer overflows)");
        Line(s, "tool cpu", $"{report.ToolCpuCores:0.00} cores");
        return s.ToString();
    }

    private static string Dist(Distribution d, string tail) =>
        d.Count == 0 ? "n/a" : $"p50 {Fmt(d.P50)}  {tail} {Fmt(tail == "p95" ? d.P95 : d.P99)}  max {Fmt(d.Max)}  (n={d.Count})";

    private static string Fmt(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";

    private static void Line(StringBuilder s, string name, string value) =>
        s.Append(CultureInfo.InvariantCulture, $"{name,-18} {value}").Append('\n');
}
