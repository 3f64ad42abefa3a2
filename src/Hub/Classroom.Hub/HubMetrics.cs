using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Classroom.Hub;

/// <summary>
/// The hub's own instruments (meter <c>Classroom.Hub</c>, readable with dotnet-counters or any
/// OpenTelemetry exporter): where a record's time goes between arrival and acknowledgement — the
/// wait in the writer's queue, the batch commit — and the wait of a broadcast before it is sent.
/// docs/bench-hub.md uses them to trace the tail.
/// </summary>
public static class HubMetrics
{
    public const string MeterName = "Classroom.Hub";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> StoreQueueWait = Meter.CreateHistogram<double>(
        "classroom.hub.store.queue_wait", "ms", "Time a record waited in the writer's queue before its batch started.");

    public static readonly Histogram<double> StoreCommit = Meter.CreateHistogram<double>(
        "classroom.hub.store.commit", "ms", "Time to apply and commit one batch (one transaction).");

    public static readonly Histogram<int> StoreBatchSize = Meter.CreateHistogram<int>(
        "classroom.hub.store.batch_size", "{record}", "Records committed together in one transaction.");

    public static readonly Histogram<double> BroadcastQueueWait = Meter.CreateHistogram<double>(
        "classroom.hub.broadcast.queue_wait", "ms", "Time a broadcast waited after its record was stored.");

    internal static double MillisecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
}
