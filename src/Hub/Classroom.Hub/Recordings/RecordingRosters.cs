using Classroom.Contracts.Lessons;
using Classroom.Hub.Directory;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Finds a recorded lesson's roster without a caller token: the scheduler's in-process
/// <see cref="ILessonRosterSource"/> when this process runs the scheduler, else the hub's own
/// <see cref="ILessonDirectory"/> without a bearer (which only the file directory of demos and
/// tests answers). Null when neither knows the lesson; the catalog asks again later.
/// </summary>
public sealed class RecordingRosters(IServiceProvider services, ILogger<RecordingRosters> logger)
{
    public async Task<LessonRosterDto?> FindAsync(string lessonId, CancellationToken ct)
    {
        try
        {
            if (services.GetService<ILessonRosterSource>() is { } source) return await source.FindAsync(lessonId, ct).ConfigureAwait(false);
            if (services.GetService<ILessonDirectory>() is { } directory) return await directory.GetLessonAsync(lessonId, null, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or System.Text.Json.JsonException)
        {
            RecordingsLog.RosterUnavailable(logger, lessonId, e.Message);
        }

        return null;
    }
}
