using System.Collections.Concurrent;
using Classroom.Contracts.Recordings;

namespace Classroom.MediaRelay.Tests.Ingest;

/// <summary>
/// The scheduler's answers for a relay-only test host: one studio with one key, holding a lesson
/// the test sets (the scheduler's own implementation is tested in tests/Server against its store).
/// </summary>
internal sealed class StudioDirectoryStandIn : IStudioIngestDirectory
{
    public const long StudioId = 7;
    private readonly ConcurrentDictionary<string, long> _keys = new(StringComparer.Ordinal);

    public StudioDirectoryStandIn(string key, string? lesson)
    {
        _keys[key] = StudioId;
        Lesson = lesson;
    }

    public volatile string? Lesson;

    public Task<StudioIngestTarget?> FindByStreamKeyAsync(string streamKey, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.TryGetValue(streamKey, out var id) ? new StudioIngestTarget(id, 1, "录播室一") : null);

    public Task<string?> CurrentLessonAsync(long studioId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(studioId == StudioId ? Lesson : null);
}
