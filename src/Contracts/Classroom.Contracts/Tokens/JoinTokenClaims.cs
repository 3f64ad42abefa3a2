namespace Classroom.Contracts.Tokens;

/// <summary>
/// What a join token grants. Tokens are short-lived and scoped to one lesson occurrence and one
/// room (or teacher); the scheduler signs them, the hub and the relay check them offline.
/// </summary>
/// <param name="Subject">Stable id of the holder: "room:{id}", "teacher:{id}", "student:{id}", "admin:{id}".</param>
/// <param name="Role">Who the holder is.</param>
/// <param name="AllianceId">The alliance the lesson belongs to.</param>
/// <param name="LessonId">Lesson occurrence id (see <see cref="Lessons.LessonOccurrenceId"/>); null for admin tokens.</param>
/// <param name="SchoolId">The holder's school; null for admin tokens.</param>
/// <param name="ClassroomId">The member classroom for classroom tokens (and on-stage publish tokens).</param>
/// <param name="TeacherId">The teacher for teacher tokens.</param>
/// <param name="Scopes">What the token may do: <see cref="JoinTokenScopes"/>.</param>
/// <param name="IssuedAt">Issue time (UTC).</param>
/// <param name="ExpiresAt">Expiry (UTC); validators reject tokens past it.</param>
/// <param name="TokenId">Unique id of this token (jti), for audit logs.</param>
public sealed record JoinTokenClaims(
    string Subject,
    ClassroomRole Role,
    long AllianceId,
    string? LessonId,
    long? SchoolId,
    long? ClassroomId,
    long? TeacherId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string TokenId)
{
    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}

/// <summary>Scopes a join token can carry.</summary>
public static class JoinTokenScopes
{
    /// <summary>Join the lesson's hub group (questions, attendance, quizzes).</summary>
    public const string Hub = "hub";

    /// <summary>Play the lesson's media through WHEP.</summary>
    public const string Play = "play";

    /// <summary>Publish into the lesson through WHIP (teacher, or a room the teacher brought on stage).</summary>
    public const string Publish = "publish";

    /// <summary>
    /// A member room publishes its own low-resolution camera through WHIP (<c>?producer=room</c>)
    /// for the lead teacher's wall; no other room receives it.
    /// </summary>
    public const string Camera = "camera";

    /// <summary>Replay recordings of the holder's class.</summary>
    public const string Replay = "replay";

    /// <summary>Alliance administration (reports, exports).</summary>
    public const string Admin = "admin";
}
