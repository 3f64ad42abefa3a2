using System.Text.Json;
using Classroom.Contracts.Recordings;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Recordings;

/// <summary>
/// The hub's side of <see cref="IRecordingCatalog"/>: the relay's recorder reports recordings here
/// (in-process). Every call is idempotent; a finish for an unknown id creates it (the start was
/// lost in a crash). The lesson's roster is copied in when first found, so access to a recording
/// stays with the classes that were paired when it was made.
/// </summary>
public sealed class RecordingCatalog(IDbContextFactory<HubDbContext> contexts, RecordingRosters rosters, TimeProvider time, ILogger<RecordingCatalog> logger,
    Broadcast.LessonBroadcaster? broadcaster = null)
    : IRecordingCatalog
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordingStartedAsync(RecordingStarted started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        Check(started.RecordingId, started.LessonId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Recordings.FindAsync([started.RecordingId], cancellationToken).ConfigureAwait(false);
        var isNew = row is null;
        if (row is null)
        {
            row = new RecordingRecord { Id = started.RecordingId, LessonId = started.LessonId, StartedAtMs = started.StartedAt.ToUnixTimeMilliseconds() };
            db.Recordings.Add(row);
        }
        else if (row.State == RecordingStates.Deleted)
        {
            RecordingsLog.IgnoredDeleted(logger, row.Id);
            return;
        }

        row.UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await SnapshotRosterAsync(db, row, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        RecordingsLog.Cataloged(logger, row.Id, row.LessonId, row.State);
        // The lesson's media time starts now (LessonStateView.MediaStartedAtMs): every page re-reads the state.
        if (isNew) broadcaster?.Enqueue(row.LessonId, "Resync", clients => clients.Group(Broadcast.LessonGroups.Lesson(row.LessonId)).Resync());
    }

    public async Task RecordingFinishedAsync(RecordingFinished finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        Check(finished.RecordingId, finished.LessonId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Recordings.FindAsync([finished.RecordingId], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new RecordingRecord { Id = finished.RecordingId, LessonId = finished.LessonId };
            db.Recordings.Add(row);
        }
        else if (row.State == RecordingStates.Deleted)
        {
            RecordingsLog.IgnoredDeleted(logger, row.Id);
            return;
        }

        var previous = Renditions(row);
        row.State = RecordingStates.Finished;
        row.StartedAtMs = finished.StartedAt.ToUnixTimeMilliseconds();
        row.EndedAtMs = finished.EndedAt.ToUnixTimeMilliseconds();
        row.DurationMs = (long)finished.Duration.TotalMilliseconds;
        // Renditions made after the lesson (the low copy) are not in a repeated finish: they stay as they were.
        row.RenditionsJson = JsonSerializer.Serialize(finished.Renditions.Select(r =>
        {
            var known = previous.FirstOrDefault(p => p.Name == r.Name);
            return new StoredRendition(r.Name, r.Playlist, r.Codecs, r.Width, r.Height, r.Bandwidth, known?.State ?? RenditionStates.Ready, known?.Error);
        }).Concat(previous.Where(p => !finished.Renditions.Any(r => r.Name == p.Name))).ToList(), Json);
        row.Poster = finished.Poster;
        row.Discontinuities = finished.Discontinuities;
        row.Recovered = finished.Recovered;
        row.UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!row.RosterKnown) await SnapshotRosterAsync(db, row, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        RecordingsLog.Cataloged(logger, row.Id, row.LessonId, row.State);
    }

    public async Task RenditionStateAsync(RecordingRenditionState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Recordings.FindAsync([state.RecordingId], cancellationToken).ConfigureAwait(false);
        if (row is null || row.State == RecordingStates.Deleted) return;
        var renditions = Renditions(row).ToList();
        var i = renditions.FindIndex(r => r.Name == state.Rendition);
        // A rendition announced before its playlist exists (the low copy): described by the recorder, or named after its playlist by convention.
        var known = i >= 0 ? renditions[i] : new StoredRendition(state.Rendition, state.Rendition + ".m3u8", null, null, null, null, state.State, state.Error);
        var updated = state.Description is { } d
            ? known with { Playlist = d.Playlist, Codecs = d.Codecs ?? known.Codecs, Width = d.Width ?? known.Width, Height = d.Height ?? known.Height, Bandwidth = d.Bandwidth ?? known.Bandwidth, State = state.State, Error = state.Error }
            : known with { State = state.State, Error = state.Error };
        if (i >= 0) renditions[i] = updated;
        else renditions.Add(updated);
        row.RenditionsJson = JsonSerializer.Serialize(renditions, Json);
        row.UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the roster in if it was not found when the recording started (the scheduler was away).</summary>
    public async Task EnsureRosterAsync(string recordingId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var row = await db.Recordings.FindAsync([recordingId], ct).ConfigureAwait(false);
        if (row is null || row.RosterKnown || row.State == RecordingStates.Deleted) return;
        await SnapshotRosterAsync(db, row, ct).ConfigureAwait(false);
        if (row.RosterKnown) await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    internal static IReadOnlyList<StoredRendition> Renditions(RecordingRecord row) =>
        JsonSerializer.Deserialize<List<StoredRendition>>(row.RenditionsJson, Json) ?? [];

    private async Task SnapshotRosterAsync(HubDbContext db, RecordingRecord row, CancellationToken ct)
    {
        if (row.RosterKnown) return;
        var roster = await rosters.FindAsync(row.LessonId, ct).ConfigureAwait(false);
        if (roster is null) return;
        row.RosterKnown = true;
        row.AllianceId = roster.AllianceId;
        row.LeadSchoolId = roster.LeadSchoolId;
        row.TeacherId = roster.TeacherId;
        row.TeacherName = Clip(roster.TeacherName, 100);
        row.Subject = Clip(roster.Subject, 100);
        row.LessonStartsAtMs = roster.StartsAt.ToUnixTimeMilliseconds();
        var existing = await db.RecordingRooms.Where(r => r.RecordingId == row.Id).Select(r => r.ClassroomId).ToListAsync(ct).ConfigureAwait(false);
        foreach (var room in roster.Rooms.Where(r => !existing.Contains(r.ClassroomId)).DistinctBy(r => r.ClassroomId))
        {
            db.RecordingRooms.Add(new RecordingRoomRecord
            {
                RecordingId = row.Id, ClassroomId = room.ClassroomId, ClassroomName = Clip(room.ClassroomName, 100),
                SchoolId = room.SchoolId, SchoolName = Clip(room.SchoolName, 100),
            });
        }
    }

    private static void Check(string recordingId, string lessonId)
    {
        if (!RecordingFiles.IsValidId(recordingId)) throw new ArgumentException($"'{recordingId}' is not a recording id (letters, digits, '.', '_', '-'; at most 64).", nameof(recordingId));
        if (string.IsNullOrWhiteSpace(lessonId) || lessonId.Length > 64) throw new ArgumentException("A lesson id is required (at most 64 characters).", nameof(lessonId));
    }

    private static string Clip(string? value, int max) => value is null ? "" : value.Length <= max ? value : value[..max];
}
