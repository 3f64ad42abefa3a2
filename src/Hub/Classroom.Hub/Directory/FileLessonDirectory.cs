using System.Text.Json;
using Classroom.Contracts.Lessons;

namespace Classroom.Hub.Directory;

/// <summary>Rosters from a JSON file (an array of <see cref="LessonRosterDto"/>), re-read when the file changes: offline demos and tests.</summary>
public sealed class FileLessonDirectory(string path) : ILessonDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _lock = new();
    private DateTime _loadedStamp;
    private Dictionary<string, LessonRosterDto> _lessons = new(StringComparer.Ordinal);

    public Task<LessonRosterDto?> GetLessonAsync(string lessonId, string? bearerToken, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var stamp = File.GetLastWriteTimeUtc(path);
            if (stamp != _loadedStamp)
            {
                var rosters = JsonSerializer.Deserialize<LessonRosterDto[]>(File.ReadAllBytes(path), Json) ?? [];
                _lessons = rosters.ToDictionary(r => r.LessonId, StringComparer.Ordinal);
                _loadedStamp = stamp;
            }

            return Task.FromResult(_lessons.GetValueOrDefault(lessonId));
        }
    }
}
