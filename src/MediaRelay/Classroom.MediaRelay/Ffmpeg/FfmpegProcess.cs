using System.Diagnostics;

namespace Classroom.MediaRelay.Ffmpeg;

/// <summary>
/// One running ffmpeg (or ffprobe): started with an argument list (no shell, no quoting), its
/// stderr always read (a full pipe would stall it) and the last lines kept to say why it ended.
/// The recorder and the ingest bridge run long-lived ffmpegs through this; one-shot jobs may use
/// FFMpegCore (docs/recording.md, "Driving ffmpeg").
/// </summary>
internal sealed class FfmpegProcess : IDisposable
{
    private const int KeptLines = 24;
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<string>? _onLine;

    private FfmpegProcess(Process process, Action<string>? onLine)
    {
        _process = process;
        _onLine = onLine;
    }

    /// <summary>The operating-system process id (tests kill it with SIGKILL to prove restarts).</summary>
    public int Pid { get; private set; }

    /// <summary>Completes with the exit code once the process has ended and its stderr is drained.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/>; <paramref name="onLine"/> sees every stderr line (on a pool thread).</summary>
    public static FfmpegProcess Start(string executable, IEnumerable<string> arguments, Action<string>? onLine = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var ffmpeg = new FfmpegProcess(process, onLine);
        process.Start();
        ffmpeg.Pid = process.Id;
        _ = ffmpeg.PumpAsync();
        return ffmpeg;
    }

    /// <summary>The last stderr lines, oldest first: what ffmpeg said before it ended.</summary>
    public IReadOnlyList<string> LastLines
    {
        get { lock (_lastLines) return [.. _lastLines]; }
    }

    /// <summary>The last stderr line that reads like an error, or the last line at all.</summary>
    public string? Reason
    {
        get
        {
            var lines = LastLines;
            for (var i = lines.Count - 1; i >= 0; i--)
            {
                var line = lines[i];
                if (line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("invalid", StringComparison.OrdinalIgnoreCase)
                    || line.Contains("failed", StringComparison.OrdinalIgnoreCase) || line.Contains("refused", StringComparison.OrdinalIgnoreCase)) return line;
            }

            return lines.Count > 0 ? lines[^1] : null;
        }
    }

    /// <summary>
    /// Asks ffmpeg to finish (a "q" on stdin: it closes its outputs, the last segment included)
    /// and kills it when it has not ended within <paramref name="grace"/>. Never pass <c>-nostdin</c> to a run that is stopped this way.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_exited.Task.IsCompleted)
        {
            try
            {
                await _process.StandardInput.WriteAsync('q').ConfigureAwait(false);
                await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // already gone: the pipe is closed
            }
            catch (InvalidOperationException)
            {
            }

            if (await Task.WhenAny(_exited.Task, Task.Delay(grace)).ConfigureAwait(false) != _exited.Task) Kill();
        }

        return await _exited.Task.ConfigureAwait(false);
    }

    /// <summary>Ends it at once (SIGKILL).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // not started or already reaped
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task PumpAsync()
    {
        // stdout is unused (outputs go to files or sockets) but drained so it can never block ffmpeg.
        var stdout = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_lastLines)
                {
                    if (_lastLines.Count == KeptLines) _lastLines.Dequeue();
                    _lastLines.Enqueue(line);
                }

                _onLine?.Invoke(line);
            }

            await stdout.ConfigureAwait(false);
            await _process.WaitForExitAsync().ConfigureAwait(false);
            _exited.TrySetResult(_process.ExitCode);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            _exited.TrySetResult(-1);
        }
    }
}
