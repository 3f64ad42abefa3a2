using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Deletes a recording: its folder first (faces and voices are the data that matters), then its
/// rooms, views, replay questions and evaluations (their comments point at moments of a video that is gone); the catalog row stays as a tombstone in state
/// <see cref="RecordingStates.Deleted"/>, so a late call from the recorder cannot revive it.
/// </summary>
public sealed class RecordingDeleter(IDbContextFactory<HubDbContext> contexts, RecordingFiles files, TimeProvider time)
{
    /// <summary>True when it was deleted now; false when there was nothing (left) to delete.</summary>
    public async Task<bool> DeleteAsync(string recordingId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var row = await db.Recordings.FindAsync([recordingId], ct).ConfigureAwait(false);
        if (row is null || row.State == RecordingStates.Deleted) return false;
        if (!files.Delete(recordingId)) throw new IOException($"The folder of recording {recordingId} could not be deleted.");
        await db.RecordingViews.Where(v => v.RecordingId == recordingId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.ReplayQuestions.Where(q => q.RecordingId == recordingId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.EvaluationComments.Where(c => c.RecordingId == recordingId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.EvaluationSheets.Where(c => c.RecordingId == recordingId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.RecordingRooms.Where(r => r.RecordingId == recordingId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        row.State = RecordingStates.Deleted;
        row.DeletedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        row.UpdatedAtMs = row.DeletedAtMs.Value;
        row.RenditionsJson = "[]";
        row.Poster = null;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return true;
    }
}
