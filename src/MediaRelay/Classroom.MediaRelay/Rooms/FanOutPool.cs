using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// The relay's fan-out workers (one per core by default). A new player goes to the worker with the
/// fewest players; every publisher packet wakes the workers. With <see cref="FanOutOptions.Workers"/>
/// = 0 there is one worker without a thread, run on the signalling thread (tests and the
/// allocation benchmark measure the whole path on one thread that way).
/// </summary>
internal sealed class FanOutPool : IDisposable
{
    private readonly FanOutWorker[] _workers;
    private readonly bool _inline;
    private readonly Lock _inlineGate = new();

    public FanOutPool(FanOutOptions options, RelayCounters counters, TimeProvider time)
    {
        Options = options;
        _inline = options.Workers <= 0;
        _workers = _inline
            ? [new FanOutWorker(options, counters, time, threadName: null)]
            : Enumerable.Range(0, options.Workers).Select(i => new FanOutWorker(options, counters, time, "relay-fanout-" + i)).ToArray();
    }

    public FanOutOptions Options { get; }

    public IReadOnlyList<FanOutWorker> Workers => _workers;

    public void Add(Consumer feed)
    {
        var least = _workers[0];
        foreach (var worker in _workers)
        {
            if (worker.FeedCount < least.FeedCount) least = worker;
        }

        least.Add(feed);
    }

    public void Remove(Consumer feed) => feed.Worker?.Remove(feed);

    /// <summary>New packets in some room (or a new feed): let the workers look.</summary>
    public void Signal()
    {
        if (_inline)
        {
            lock (_inlineGate)
            {
                if (!_disposed) _workers[0].RunRound();
            }

            return;
        }

        for (var i = 0; i < _workers.Length; i++) _workers[i].Wake();
    }

    private bool _disposed;

    public void Dispose()
    {
        lock (_inlineGate)
        {
            if (_disposed) return;
            _disposed = true;
        }

        foreach (var worker in _workers) worker.Dispose();
    }
}
