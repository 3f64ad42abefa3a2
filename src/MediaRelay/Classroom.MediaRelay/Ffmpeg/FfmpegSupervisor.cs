namespace Classroom.MediaRelay.Ffmpeg;

/// <summary>How one ffmpeg run ended, for status pages and logs.</summary>
internal sealed record FfmpegExit(int Run, int ExitCode, string? Reason, DateTimeOffset At, bool Requested);

/// <summary>
/// Keeps one ffmpeg job running until stopped: each run gets fresh arguments (run number
/// given, so a recorder can write each run to its own folder), an unrequested exit is reported
/// and followed by a new run after a back-off (0.5 s doubling to 8 s, back to 0.5 s after a run
/// that lasted 30 s). Stopping asks the current run to finish.
/// </summary>
internal sealed class FfmpegSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan StableRun = TimeSpan.FromSeconds(30);
    private readonly string _executable;
    private readonly Func<int, IReadOnlyList<string>> _arguments;
    private readonly Func<int, Task>? _beforeRun;
    private readonly Action<FfmpegExit>? _onExit;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private volatile FfmpegProcess? _current;
    private volatile FfmpegExit? _lastExit;
    private int _runs;

    /// <param name="beforeRun">Runs before each ffmpeg start (e.g. to open the RTP sockets it will read), given the run number.</param>
    public FfmpegSupervisor(string executable, Func<int, IReadOnlyList<string>> arguments, TimeProvider time,
        Action<FfmpegExit>? onExit = null, Func<int, Task>? beforeRun = null)
    {
        _executable = executable;
        _arguments = arguments;
        _time = time;
        _onExit = onExit;
        _beforeRun = beforeRun;
    }

    /// <summary>The run now going, if any.</summary>
    public FfmpegProcess? Current => _current;

    /// <summary>Runs started so far (1 after the first start).</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>How the last run ended (null while the first one runs).</summary>
    public FfmpegExit? LastExit => _lastExit;

    public void Start() => _loop ??= Task.Run(LoopAsync);

    /// <summary>Asks the current run to finish its outputs and starts no more.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_current is { } running) await running.StopAsync(grace).ConfigureAwait(false);
        if (_loop is { } loop) await loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!_stop.IsCancellationRequested)
        {
            var run = Interlocked.Increment(ref _runs);
            var started = _time.GetUtcNow();
            FfmpegProcess process;
            try
            {
                if (_beforeRun is not null) await _beforeRun(run).ConfigureAwait(false);
                process = FfmpegProcess.Start(_executable, _arguments(run));
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
            {
                Report(new FfmpegExit(run, -1, e.Message, _time.GetUtcNow(), false));
                if (!await DelayAsync(backoff).ConfigureAwait(false)) return;
                backoff = Next(backoff);
                continue;
            }

            _current = process;
            using (process)
            {
                var code = await process.Exited.ConfigureAwait(false);
                _current = null;
                var requested = _stop.IsCancellationRequested;
                Report(new FfmpegExit(run, code, process.Reason, _time.GetUtcNow(), requested));
                if (requested) return;
            }

            if (_time.GetUtcNow() - started >= StableRun) backoff = TimeSpan.FromMilliseconds(500);
            if (!await DelayAsync(backoff).ConfigureAwait(false)) return;
            backoff = Next(backoff);
        }
    }

    private void Report(FfmpegExit exit)
    {
        _lastExit = exit;
        _onExit?.Invoke(exit);
    }

    private static TimeSpan Next(TimeSpan backoff) => backoff * 2 > TimeSpan.FromSeconds(8) ? TimeSpan.FromSeconds(8) : backoff * 2;

    private async Task<bool> DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
