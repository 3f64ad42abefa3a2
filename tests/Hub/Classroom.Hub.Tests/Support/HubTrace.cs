using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Classroom.Hub.Tests.Support;

/// <summary>
/// The tail tracer of docs/bench-hub.md: with <c>HUB_TRACE=FILE</c> the hub host process writes
/// one line per 100 ms — thread-pool threads and queued work items, GC counts and pause time, and
/// the worst store-queue wait, batch commit and broadcast wait of the interval (from
/// <see cref="HubMetrics"/>) — so a latency spike can be matched to its cause.
/// </summary>
public sealed class HubTrace : IAsyncDisposable
{
    private readonly MeterListener _listener = new();
    private readonly StreamWriter _out;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private double _queueWait, _commit, _broadcastWait;
    private long _batches, _records;

    private HubTrace(string file)
    {
        _out = new StreamWriter(file, append: false, Encoding.UTF8) { AutoFlush = false };
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HubMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (_gate)
            {
                if (instrument == HubMetrics.StoreQueueWait) _queueWait = Math.Max(_queueWait, value);
                else if (instrument == HubMetrics.StoreCommit) _commit = Math.Max(_commit, value);
                else if (instrument == HubMetrics.BroadcastQueueWait) _broadcastWait = Math.Max(_broadcastWait, value);
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument != HubMetrics.StoreBatchSize) return;
            lock (_gate)
            {
                _batches++;
                _records += value;
            }
        });
        _listener.Start();
        _loop = Task.Factory.StartNew(Loop, TaskCreationOptions.LongRunning);
    }

    public static HubTrace? FromEnvironment() =>
        Environment.GetEnvironmentVariable("HUB_TRACE") is { Length: > 0 } file ? new HubTrace(file) : null;

    private void Loop()
    {
        _out.WriteLine("unix_ms\tthreads\tqueued\tgen0\tgen1\tgen2\tpause_ms\tstore_wait_max\tcommit_max\tbatches\trecords\tbroadcast_wait_max");
        // A dedicated thread that waits on a handle: the sampler keeps its pace when the pool starves.
        while (!_stop.Token.WaitHandle.WaitOne(100))
        {
            double q, c, b;
            long batches, records;
            lock (_gate)
            {
                (q, c, b, batches, records) = (_queueWait, _commit, _broadcastWait, _batches, _records);
                _queueWait = _commit = _broadcastWait = 0;
                _batches = _records = 0;
            }

            var line = string.Join('\t',
                TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ThreadPool.ThreadCount.ToString(CultureInfo.InvariantCulture),
                ThreadPool.PendingWorkItemCount.ToString(CultureInfo.InvariantCulture),
                GC.CollectionCount(0).ToString(CultureInfo.InvariantCulture),
                GC.CollectionCount(1).ToString(CultureInfo.InvariantCulture),
                GC.CollectionCount(2).ToString(CultureInfo.InvariantCulture),
                GC.GetTotalPauseDuration().TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture),
                q.ToString("F1", CultureInfo.InvariantCulture),
                c.ToString("F1", CultureInfo.InvariantCulture),
                batches.ToString(CultureInfo.InvariantCulture),
                records.ToString(CultureInfo.InvariantCulture),
                b.ToString("F1", CultureInfo.InvariantCulture));
            _out.WriteLine(line);
            _out.Flush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _listener.Dispose();
        await _out.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
