namespace Classroom.Hub.Stage;

/// <summary>
/// Mints the short-lived "publish" token that lets a room the teacher brought on stage publish
/// into the lesson. Only the scheduler holds the signing key, so the default implementation calls
/// <c>POST /api/lessons/{lessonId}/stage-tokens</c> with the teacher's own token (docs/hub.md).
/// </summary>
public interface IStageTokenIssuer
{
    Task<StageToken> IssueAsync(string lessonId, long classroomId, string teacherToken, CancellationToken cancellationToken);
}

/// <summary>A publish token for one room in one lesson.</summary>
public sealed record StageToken(string Token, DateTimeOffset ExpiresAt);
