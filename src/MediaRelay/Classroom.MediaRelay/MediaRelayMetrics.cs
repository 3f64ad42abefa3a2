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
        _meter.CreateObservableCounter("relay.ice_tcp.refused", () => c.TcpRefused, "{connection}",
            "ICE-TCP connections closed at accept (too many from one address, or relay-wide)");
        _meter.CreateObservableCounter("relay.ice_tcp.unauthenticated", () => c.TcpUnauthenticated, "{connection}",
            "ICE-TCP connections closed because no authenticated STUN check came within the deadline");
        _meter.CreateObservableGauge("relay.media_threads.realtime", () => Transport.MediaThreadPriority.RealtimeThreads, "{thread}",
            "Media threads (UDP receive, fan-out workers) running real-time now; a busy one returns to normal scheduling");
        _meter.CreateObservableGauge("relay.sessions", () => runtime.SessionCount, "{session}", "Live WHIP and WHEP sessions");
        RoomInstruments.Create(_meter, runtime.Rooms);
        _meter.CreateObservableCounter("relay.fanout.delay.packets", () => FanOutDelayBuckets(runtime.Rooms.Pool), "{packet}",
            "Packets handed to the kernel within le seconds of arriving at the relay (cumulative buckets over all fan-out workers)");
        // The process's garbage collector: pauses stop the fan-out threads too, so a forwarding
        // delay tail is read next to these (docs/relay.md "Fan-out core").
        _meter.CreateObservableCounter("relay.process.gc.collections", () => new[]
        {
            new Measurement<long>(GC.CollectionCount(0), new KeyValuePair<string, object?>("generation", "0")),
            new Measurement<long>(GC.CollectionCount(1), new KeyValuePair<string, object?>("generation", "1")),
            new Measurement<long>(GC.CollectionCount(2), new KeyValuePair<string, object?>("generation", "2")),
        }, "{collection}", "Garbage collections by generation (a generation-2 count includes the lower ones)");
        _meter.CreateObservableCounter("relay.process.gc.pause", () => GC.GetTotalPauseDuration().TotalSeconds, "s", "Time all managed threads were paused by the garbage collector");
        _meter.CreateObservableCounter("relay.process.allocated.bytes", () => GC.GetTotalAllocatedBytes(), "By", "Bytes allocated on the managed heap since start");
        // GC.GetGCMemoryInfo() describes the last collection and is all zeros before the first one,
        // so a young relay reported an empty heap; GetTotalMemory(false) is the heap in use now
        // (survivors of the last collection plus what was allocated since), without forcing one.
        _meter.CreateObservableGauge("relay.process.gc.heap.bytes", () => GC.GetTotalMemory(forceFullCollection: false), "By",
            "Bytes in use on the managed heap now (survivors of the last collection plus allocations since)");
        _meter.CreateObservableGauge("relay.process.gc.committed.bytes", () => GC.GetGCMemoryInfo().TotalCommittedBytes, "By", "Memory the garbage collector has committed (heap, free space kept for allocation, bookkeeping)");
    }

    private static Measurement<long>[] FanOutDelayBuckets(Rooms.FanOutPool pool)
    {
        var bounds = Rooms.FanOutDelay.BoundsSeconds;
        Span<long> counts = stackalloc long[bounds.Length + 1];
        foreach (var worker in pool.Workers) worker.Delay.AddCumulative(counts);
        var points = new Measurement<long>[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            var le = i < bounds.Length ? bounds[i].ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "+Inf";
            points[i] = new Measurement<long>(counts[i], new KeyValuePair<string, object?>("le", le));
        }

        return points;
    }

    /// <summary>This host's relay meter (rendered by <see cref="Http.PrometheusText"/>).</summary>
    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
