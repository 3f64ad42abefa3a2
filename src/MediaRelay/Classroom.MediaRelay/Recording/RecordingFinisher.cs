using Classroom.Contracts.Recordings;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// Closes a recording: the top-level playlists become VOD with <c>#EXT-X-ENDLIST</c> from every
/// segment its runs listed, a poster is taken if none was, the manifest says "finished" and the
/// catalog is told. The same steps end a lesson and finish a recording a crash left open.
/// </summary>
internal static class RecordingFinisher
{
    public static async Task<RecordingFinished> FinishAsync(RecorderContext context, string folder, RecordingManifest manifest, bool recovered, DateTimeOffset endedAt)
    {
        var names = manifest.Runs.SelectMany(r => r.Renditions).Distinct(StringComparer.Ordinal).ToList();
        var composed = names.Select(name => RecordingPlaylists.Compose(folder, manifest, name, final: true)).ToList();
        var poster = manifest.Poster;
        var camera = composed.Find(c => c.Rendition == RecordingArguments.Camera);
        if (poster is null && camera is { Segments: > 0 })
        {
            try
            {
                if (await PosterJob.TakeAsync(context.Options.FfmpegPath, folder, TimeSpan.FromSeconds(5)).ConfigureAwait(false)) poster = PosterJob.FileName;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                context.Log.RecordingStepFailed(manifest.RecordingId, "poster", e);
            }
        }

        var finished = manifest with
        {
            State = RecordingManifest.Finished,
            EndedAt = endedAt,
            Poster = poster,
            Recovered = recovered,
            Low = manifest.Low ?? (context.Options.LowRendition && camera is { Segments: > 0 } ? new LowRendition(LowRendition.Pending, endedAt) : null),
            Runs = [.. manifest.Runs.Select(r => r.Exit is null ? r with { Exit = recovered ? "relay stopped" : "stopped" } : r)],
        };
        finished.Save(folder);
        var facts = composed.Where(c => c.Segments > 0).Select(c => RenditionFacts.Measure(folder, c.Rendition, c.Rendition + ".m3u8")).ToList();
        MasterPlaylist.Write(folder, MasterPlaylist.Variants(folder));
        var main = camera ?? composed.FirstOrDefault();
        var record = new RecordingFinished(manifest.RecordingId, manifest.LessonId, manifest.StartedAt, endedAt,
            TimeSpan.FromSeconds(main?.Duration ?? 0),
            [.. facts.Select(f => f.ToRendition())],
            poster, main?.Discontinuities ?? 0, recovered);
        context.Log.RecordingFinished(manifest.RecordingId, record.Duration.TotalSeconds, record.Discontinuities, recovered);
        if (context.Catalog is { } catalog)
        {
            try
            {
                await catalog.RecordingFinishedAsync(record, CancellationToken.None).ConfigureAwait(false);
                if (finished.Low is { State: LowRendition.Pending })
                {
                    await catalog.RenditionStateAsync(new RecordingRenditionState(manifest.RecordingId, LowRendition.Name, LowRendition.Pending, null)
                    {
                        Description = new RecordingRendition(LowRendition.Name, LowRendition.Playlist, null, null, null, null),
                    }, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.Log.RecordingStepFailed(manifest.RecordingId, "catalog update", e);
            }
        }

        return record;
    }

    /// <summary>
    /// On start: every recording still "recording" was left by a relay that stopped without
    /// finishing it (a crash, a power cut); it is finished from what its runs listed.
    /// </summary>
    public static async Task<IReadOnlyList<RecordingFinished>> RecoverAsync(RecorderContext context)
    {
        var recovered = new List<RecordingFinished>();
        if (!Directory.Exists(context.Root)) return recovered;
        foreach (var folder in Directory.EnumerateDirectories(context.Root))
        {
            if (RecordingManifest.Load(folder) is not { State: RecordingManifest.Recording } manifest) continue;
            try
            {
                recovered.Add(await FinishAsync(context, folder, manifest, recovered: true, LastWrite(folder, manifest)).ConfigureAwait(false));
            }
            catch (IOException e)
            {
                context.Log.RecordingStepFailed(manifest.RecordingId, "recovery", e);
            }
        }

        return recovered;
    }

    /// <summary>When the abandoned recording last got media: its newest file's time.</summary>
    private static DateTimeOffset LastWrite(string folder, RecordingManifest manifest)
    {
        var newest = manifest.StartedAt;
        foreach (var file in Directory.EnumerateFiles(folder, "*.m4s", SearchOption.AllDirectories))
        {
            var at = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
            if (at > newest) newest = at;
        }

        return newest;
    }
}
