namespace Classroom.Contracts;

/// <summary>HTTP paths one service calls on another; kept here so both sides agree.</summary>
public static class Routes
{
    public const string Health = "/health";
    public const string LessonRoster = "/api/lessons/{lessonId}";
    public const string HubPath = "/hub/lesson";
    public const string WhipPath = "/whip/{lessonId}";
    public const string WhepPath = "/whep/{lessonId}";

    public static string LessonRosterFor(string lessonId) => "/api/lessons/" + Uri.EscapeDataString(lessonId);
}
