using System.Diagnostics.Metrics;

namespace Classroom.MediaRelay;

/// <summary>
/// The relay's counters as OpenTelemetry-style instruments (meter "Classroom.MediaRelay"), read
/// when a listener collects: the packet path only bumps interlocked counters.
/// </summary>
internal sealed class MediaRelayMetrics : IDisposable
{
    public const string MeterName = "Classroom.MediaRelay";

    private readonly Meter _meter;

    public MediaRelayMetrics(IMeterFactory meters, MediaRelayRuntime runtime)
    {
        _meter = meters.Create(MeterName);
        var c = runtime.Counters;
        _meter.CreateObservableCounter("relay.datagrams.received", () => c.Received, "{datagram}", "Datagrams and ICE-TCP frames received");
        _meter.CreateObservableCounter("relay.datagrams.dropped", () => c.Dropped, "{datagram}", "Dropped: unknown path or kind, bad STUN, full queues");
        _meter.CreateObservableCounter("relay.stun.answered", () => c.StunHandled, "{request}", "Authenticated ICE checks answered");
        _meter.CreateObservableCounter("relay.rtp.forwarded", () => c.Forwarded, "{packet}", "RTP packets sent to players");
        _meter.CreateObservableCounter("relay.srtp.unprotect_failed", () => c.UnprotectFailed, "{packet}", "SRTP/SRTCP that failed authentication or replay checks");
        _meter.CreateObservableGauge("relay.sessions", () => runtime.SessionCount, "{session}", "Live WHIP and WHEP sessions");
        RoomInstruments.Create(_meter, runtime.Rooms);
    }

    /// <summary>This host's relay meter (rendered by <see cref="Http.PrometheusText"/>).</summary>
    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
