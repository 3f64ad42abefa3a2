using System.Diagnostics;
using System.Globalization;
using Classroom.LoadTool.Publishing;
using Classroom.LoadTool.Report;
using Classroom.LoadTool.Stats;
using Classroom.LoadTool.Stream;

namespace Classroom.LoadTool.Engine;

/// <summary>
/// One run: the publisher (if any) streams, players join over the ramp and watch for the
/// duration, a progress line each second; then the publisher stops, in-flight packets drain, and
/// the report is built. Every wait is bounded by the run's length.
/// </summary>
internal sealed class LoadEngine(LoadSettings settings, IPlayerConnector connector, PacedPublisher? publisher, StreamShape shape, string url)
{
    /// <summary>The publisher streams this long before the first player joins, as a studio that is already live.</summary>
    private static readonly TimeSpan PublisherLead = TimeSpan.FromMilliseconds(500);

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var delays = new RunDelays();
        var players = new PlayerSet(settings, connector, delays);
        var toolCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var runStart = SendStamp.NowNanos();
        var total = PublisherLead + settings.Ramp + settings.Duration;
        publisher?.Start(total + TimeSpan.FromSeconds(5));
        if (publisher is not null) await Task.Delay(PublisherLead, cancellationToken).ConfigureAwait(false);
        var before = Sample(runStart);
        using var joinStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var joining = players.JoinAllAsync(SendStamp.NowNanos(), joinStop.Token);

        var window = await RunProgressAsync(players, delays, runStart, total, cancellationToken).ConfigureAwait(false);
        delays.CloseSteadyWindow();
        var end = Sample(SendStamp.NowNanos());
        var packetsAtEnd = players.TotalPackets();
        var drops = new SocketDrops(settings.ServerPid is { } pid ? UdpSocketDrops.ForProcess(pid) : null, UdpSocketDrops.ForProcess(Environment.ProcessId));
        if (publisher is not null) await publisher.StopAsync().ConfigureAwait(false);
        await Task.Delay(settings.Drain, cancellationToken).ConfigureAwait(false);
        // Joins still queued or in flight when the run is over fail as "not joined within the run".
        await joinStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(joining, Task.Delay(settings.ConnectTimeout, cancellationToken)).ConfigureAwait(false);
        var loss = players.Probes.Aggregate(LossCount.Zero, (sum, p) => sum + p.Finish());
        await players.CloseAllAsync().ConfigureAwait(false);
        var toolCpu = (Process.GetCurrentProcess().TotalProcessorTime - toolCpuStart).TotalSeconds;
        var runSeconds = (SendStamp.NowNanos() - runStart) / 1e9;

        return ReportBuilder.Build(new ReportInputs(connector.Target, url, settings, shape, players.Probes, loss, delays, publisher,
            runSeconds, toolCpu / runSeconds, ServerUsageFrom(before, window.Start, end, window.Packets, packetsAtEnd, players.Connected), drops));
    }

    private async Task<(ProcessSample? Start, long Packets)> RunProgressAsync(PlayerSet players, RunDelays delays, long runStart, TimeSpan total, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var deadline = runStart + (long)total.TotalMilliseconds * 1_000_000;
        var rampEnd = runStart + (long)(PublisherLead + settings.Ramp).TotalMilliseconds * 1_000_000;
        ProcessSample? windowStart = null;
        long windowPackets = 0, lastPackets = 0;
        var windowOpen = false;
        var lastTick = runStart;
        for (var tick = 0; tick < total.TotalSeconds + 2 && SendStamp.NowNanos() < deadline; tick++)
        {
            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            var now = SendStamp.NowNanos();
            var packets = players.TotalPackets();
            if (!windowOpen && now >= rampEnd && (players.AllSettled || now >= rampEnd + settings.ConnectTimeout.Ticks * 100))
            {
                windowOpen = true;
                windowStart = Sample(now);
                windowPackets = packets;
                delays.OpenSteadyWindow();
            }

            settings.Progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{(now - runStart) / 1e9,5:0.0}s] players {players.Connected}/{settings.Players} ({players.Failed} failed, {players.WithKeyframe()} with keyframe) | in {(packets - lastPackets) / ((now - lastTick) / 1e9),8:0} pps | missing {players.Probes.Sum(p => p.MissingNow)}{(publisher is null ? string.Empty : $" | sent {publisher.Stream.Sent}")}"));
            lastPackets = packets;
            lastTick = now;
        }

        return (windowStart, windowPackets);
    }

    private ProcessSample? Sample(long now) => settings.ServerPid is { } pid ? ProcessSample.TryRead(pid, now) : null;

    private ServerUsage? ServerUsageFrom(ProcessSample? before, ProcessSample? start, ProcessSample? end, long startPackets, long endPackets, int connected)
    {
        if (settings.ServerPid is not { } pid || before is not { } b || end is not { } e) return null;
        var s = start ?? b;
        var cpu = e.CpuSeconds - s.CpuSeconds;
        var seconds = (e.AtNanos - s.AtNanos) / 1e9;
        var delivered = endPackets - (start is null ? 0 : startPackets);
        return new ServerUsage(pid, seconds, cpu, seconds > 0 ? cpu / seconds : 0, delivered, cpu > 0 ? delivered / cpu : null,
            b.RssKb, e.RssKb, connected > 0 ? (double)(e.RssKb - b.RssKb) / connected : null);
    }
}
