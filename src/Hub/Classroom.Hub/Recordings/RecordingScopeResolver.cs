using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Recordings;

/// <summary>
/// A recording's scope for the authorization layer: its lesson's alliance, lead school and
/// teacher, with the classes paired when it was recorded (and their schools) as the audience,
/// who may watch it and nothing more (docs/access.md "Recordings"). A deleted recording is not
/// found (404). A recording whose roster is still unknown has the county's scope: only district
/// admins reach it until the roster is found.
/// </summary>
public sealed class RecordingScopeResolver(IDbContextFactory<HubDbContext> contexts, RecordingCatalog catalog) : IResourceScopeResolver
{
    public IReadOnlyCollection<ResourceKind> Kinds { get; } = [ResourceKind.Recording];

    public async ValueTask<ResourceScope?> ResolveAsync(ResourceKind kind, string id, CancellationToken cancellationToken)
    {
        if (kind != ResourceKind.Recording || !RecordingFiles.IsValidId(id)) return null;
        var row = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (row is { RosterKnown: false })
        {
            await catalog.EnsureRosterAsync(id, cancellationToken).ConfigureAwait(false);
            row = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        }

        if (row is null) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rooms = await db.RecordingRooms.AsNoTracking().Where(r => r.RecordingId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ScopeOf(row, rooms);
    }

    public static ResourceScope ScopeOf(RecordingRecord row, IEnumerable<RecordingRoomRecord> rooms)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!row.RosterKnown) return ResourceScope.County;
        return new ResourceScope(row.AllianceId, row.LeadSchoolId, null, row.TeacherId)
        {
            Audience = rooms.Select(r => new ResourceScope(row.AllianceId, r.SchoolId, r.ClassroomId)).ToList(),
        };
    }

    private async Task<RecordingRecord?> LoadAsync(string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Recordings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.State != RecordingStates.Deleted, ct).ConfigureAwait(false);
    }
}
