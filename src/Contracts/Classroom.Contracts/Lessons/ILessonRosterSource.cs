namespace Classroom.Contracts.Lessons;

/// <summary>
/// The scheduler's roster of a lesson occurrence for callers inside the server process that hold
/// no caller token (the recordings catalog snapshots who may watch a recording when it starts).
/// The HTTP route <c>GET /api/lessons/{lessonId}</c> stays the way for other processes.
/// </summary>
public interface ILessonRosterSource
{
    /// <summary>The roster, or null when the lesson does not exist.</summary>
    Task<LessonRosterDto?> FindAsync(string lessonId, CancellationToken cancellationToken);
}
