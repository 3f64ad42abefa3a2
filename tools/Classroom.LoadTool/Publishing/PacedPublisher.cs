using Classroom.LoadTool.Stream;

namespace Classroom.LoadTool.Publishing;

/// <summary>
/// Drives a <see cref="SyntheticStream"/> into a sink from a 5 ms periodic timer (frames go out in
/// bursts as an encoder's would) until stopped or its deadline passes.
/// </summary>
public sealed class PacedPublisher : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);
    private readonly IRtpSink _sink;
    private readonly IAsyncDisposable? _owner;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public PacedPublisher(SyntheticStream stream, IRtpSink sink, KeyframeRequestLog? requests, IAsyncDisposable? owner)
    {
        Stream = stream;
        _sink = sink;
        Requests = requests;
        _owner = owner;
    }

    public SyntheticStream Stream { get; }

    /// <summary>Keyframe requests seen at the publisher; null where the path carries no RTCP back (plain RTP into Janus).</summary>
    public KeyframeRequestLog? Requests { get; }

    public void Start(TimeSpan maxRun) => _loop = RunAsync(maxRun, _stop.Token);

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync(TimeSpan maxRun, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick);
        var deadline = SendStamp.NowNanos() + (long)maxRun.TotalMilliseconds * 1_000_000;
        Stream.Pump(SendStamp.NowNanos(), _sink);
        try
        {
            while (SendStamp.NowNanos() < deadline && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                Stream.Pump(SendStamp.NowNanos(), _sink);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_owner is not null) await _owner.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
