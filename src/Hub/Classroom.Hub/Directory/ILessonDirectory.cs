using Classroom.Contracts.Lessons;

namespace Classroom.Hub.Directory;

/// <summary>Who belongs to a lesson occurrence: the scheduler's roster (GET /api/lessons/{lessonId}).</summary>
public interface ILessonDirectory
{
    /// <summary>The roster, or null when the lesson does not exist. <paramref name="bearerToken"/> is the caller's join token, forwarded to the scheduler.</summary>
    Task<LessonRosterDto?> GetLessonAsync(string lessonId, string? bearerToken, CancellationToken cancellationToken);
}
