using System.Diagnostics;
using System.Threading.Channels;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Ffmpeg;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// Makes the low-bitrate rendition of finished recordings, one at a time per relay, in the
/// background (docs/recording.md "Low-bitrate rendition"). A job's state lives in the
/// recording's manifest (pending → encoding → ready | failed) and goes to the catalog. ffmpeg
/// runs niced (nice 10) with one decoding and one encoding thread, so a lesson being recorded
/// keeps the cores it needs. A stop kills the job and leaves it "encoding"; the next start finds
/// every open job in the manifests and does it again from the beginning.
/// </summary>
internal sealed class LowRenditionWorker
{
    private readonly RecorderContext _context;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;

    public LowRenditionWorker(RecorderContext context) => _context = context;

    /// <summary>Jobs queued and not yet done (the one encoding included).</summary>
    public int Queued
    {
        get { lock (_queued) return _queued.Count; }
    }

    /// <summary>Starts the worker and queues every job a stop or a crash left open.</summary>
    public void Start()
    {
        var stop = new CancellationTokenSource();
        var token = stop.Token; // taken here: a stop right after may already have taken _stop away
        _stop = stop;
        _loop = Task.Run(() => LoopAsync(token));
        if (!_context.Options.LowRendition || !Directory.Exists(_context.Root)) return; // turned off: open jobs wait for it to be on again
        foreach (var folder in Directory.EnumerateDirectories(_context.Root))
        {
            if (RecordingManifest.Load(folder) is { State: RecordingManifest.Finished, Low.IsOpen: true } manifest) Enqueue(manifest.RecordingId);
        }
    }

    /// <summary>Cancels the job running (its ffmpeg is killed; the manifest says "encoding", so the next start does it again).</summary>
    /// <remarks>Safe to call twice at once (a host's stop and its dispose both stop it): one caller takes the token, the other waits for the loop.</remarks>
    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        var stop = Interlocked.Exchange(ref _stop, null);
        if (stop is null)
        {
            await _loop.ConfigureAwait(false);
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        stop.Dispose();
    }

    /// <summary>Queues the low rendition of a finished recording (once; a queued one is not queued again).</summary>
    public void Enqueue(string recordingId)
    {
        lock (_queued)
        {
            if (!_queued.Add(recordingId)) return;
        }

        if (!_queue.Writer.TryWrite(recordingId))
        {
            lock (_queued) _queued.Remove(recordingId);
            return;
        }

        RecorderMetrics.LowRenditionQueued.Add(1);

    }

    private async Task LoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await RunAsync(id, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    _context.Log.RecordingStepFailed(id, "low-bitrate rendition", e);
                }
                finally
                {
                    lock (_queued) _queued.Remove(id);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(string recordingId, CancellationToken stop)
    {
        var folder = Path.Combine(_context.Root, recordingId);
        if (RecordingManifest.Load(folder) is not { State: RecordingManifest.Finished } manifest) return;
        if (manifest.Low is { IsOpen: false }) return;
        if (!File.Exists(Path.Combine(folder, RecordingArguments.Camera + ".m3u8")))
        {
            await ReportAsync(folder, manifest, new LowRendition(LowRendition.Failed, _context.Time.GetUtcNow()) { Error = "no camera rendition" }).ConfigureAwait(false);
            return;
        }

        var output = Path.Combine(folder, LowRendition.Folder);
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true); // a job cut short starts over
        File.Delete(Path.Combine(folder, LowRendition.Playlist));
        MasterPlaylist.Write(folder, MasterPlaylist.Variants(folder)); // no longer lists a copy being redone
        RecorderContext.CreateFolder(output);
        manifest = await ReportAsync(folder, manifest, new LowRendition(LowRendition.Encoding, _context.Time.GetUtcNow())).ConfigureAwait(false);

        var options = _context.Options;
        var arguments = LowRendition.Arguments(folder, options.LowRenditionHeight, options.LowRenditionVideoKbps, options.LowRenditionAudioKbps);
        var started = Stopwatch.GetTimestamp();
        using var job = Niced(options.FfmpegPath, arguments);
        int code;
        try
        {
            code = await job.Exited.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            job.Kill();
            throw;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (code != 0)
        {
            // The reason reaches the catalog (and the recording's detail): no server paths in it.
            var reason = "ffmpeg exited (" + code.ToString(System.Globalization.CultureInfo.InvariantCulture) + "): "
                + job.Reason?.Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
            RecorderMetrics.LowRenditionFailed.Add(1);
            await ReportAsync(folder, manifest, new LowRendition(LowRendition.Failed, _context.Time.GetUtcNow()) { Error = reason.Length > 300 ? reason[..300] : reason })
                .ConfigureAwait(false);
            return;
        }

        var composed = LowPlaylist.Publish(folder);
        if (composed.Segments == 0)
        {
            RecorderMetrics.LowRenditionFailed.Add(1);
            await ReportAsync(folder, manifest, new LowRendition(LowRendition.Failed, _context.Time.GetUtcNow()) { Error = "ffmpeg wrote no segment" }).ConfigureAwait(false);
            return;
        }

        RecorderMetrics.LowRenditionDuration.Record(seconds);
        var variants = MasterPlaylist.Variants(folder);
        MasterPlaylist.Write(folder, variants);
        var facts = variants.FirstOrDefault(v => v.Name == LowRendition.Name)?.ToRendition();
        await ReportAsync(folder, manifest, new LowRendition(LowRendition.Ready, _context.Time.GetUtcNow()) { Seconds = Math.Round(seconds, 2) }, facts).ConfigureAwait(false);
    }

    /// <summary>ffmpeg at nice 10 (through coreutils' nice, so every thread it starts inherits it) where nice exists.</summary>
    private static FfmpegProcess Niced(string ffmpeg, IReadOnlyList<string> arguments) =>
        OperatingSystem.IsLinux() && File.Exists("/usr/bin/nice")
            ? FfmpegProcess.Start("/usr/bin/nice", ["-n", "10", ffmpeg, .. arguments])
            : FfmpegProcess.Start(ffmpeg, arguments);

    /// <summary>Saves the new state in the manifest, then tells the catalog (a catalog that fails is logged; the manifest is the truth).</summary>
    private async Task<RecordingManifest> ReportAsync(string folder, RecordingManifest manifest, LowRendition low, RecordingRendition? facts = null)
    {
        manifest = manifest with { Low = low };
        manifest.Save(folder);
        _context.Log.LowRenditionState(manifest.RecordingId, low.State, low.Error);
        if (_context.Catalog is { } catalog)
        {
            try
            {
                var rendition = facts ?? new RecordingRendition(LowRendition.Name, LowRendition.Playlist, null, null, null, null);
                await catalog.RenditionStateAsync(new RecordingRenditionState(manifest.RecordingId, LowRendition.Name, low.State, low.Error) { Description = rendition },
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _context.Log.RecordingStepFailed(manifest.RecordingId, "catalog rendition state", e);
            }
        }

        return manifest;
    }
}
