namespace Classroom.Contracts.Recordings;

/// <summary>A studio a hardware recording host (录播主机) may push to, found by its stream key.</summary>
public sealed record StudioIngestTarget(long StudioId, long SchoolId, string StudioName);

/// <summary>
/// The scheduler's answers the RTMP/SRT bridge needs: which studio a stream key belongs to (the
/// key is stored hashed; an admin rotates it) and which lesson that studio holds at a time.
/// </summary>
public interface IStudioIngestDirectory
{
    /// <summary>The studio whose current key this is, or null (wrong or rotated key).</summary>
    Task<StudioIngestTarget?> FindByStreamKeyAsync(string streamKey, CancellationToken cancellationToken);

    /// <summary>The lesson occurrence id running in the studio at <paramref name="at"/> (with the join window's slack), or null.</summary>
    Task<string?> CurrentLessonAsync(long studioId, DateTimeOffset at, CancellationToken cancellationToken);
}
