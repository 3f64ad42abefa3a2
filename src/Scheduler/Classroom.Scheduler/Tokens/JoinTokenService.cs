using System.Security.Cryptography;
using Classroom.Contracts.Tokens;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler.Tokens;

/// <summary>
/// Mints the short-lived, lesson-scoped join tokens (and admin tokens) and validates them.
/// A lesson token lives until the lesson's end plus a grace period, so a room that reconnects
/// late in the lesson still gets in, and nobody can use it for the next lesson.
/// </summary>
public sealed class JoinTokenService(SigningKeyProvider keys, IOptions<SchedulerOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan StageTokenLifetime = TimeSpan.FromMinutes(15);

    public sealed record Issued(string Token, DateTimeOffset ExpiresAt);

    public Issued ForTeacher(long allianceId, string lessonId, long schoolId, long teacherId, DateTimeOffset lessonEnd, string? subject = null) =>
        Sign(new JoinTokenClaims(subject ?? $"teacher:{teacherId}", ClassroomRole.Teacher, allianceId, lessonId, schoolId, null, teacherId,
            [JoinTokenScopes.Hub, JoinTokenScopes.Play, JoinTokenScopes.Publish], default, LessonExpiry(lessonEnd), NewId()));

    /// <summary>
    /// An enrolled studio PC (录播主机) joining its studio's lesson: it publishes the studio's picture and sound and may play
    /// the room wall, as an encoder does — but no hub: questions, the stage, quizzes and the lesson's end are the signed-in
    /// teacher's, never the authority of the place (docs/access.md "Join tokens").
    /// </summary>
    public Issued ForStudioEncoder(long allianceId, string lessonId, long schoolId, long teacherId, DateTimeOffset lessonEnd, string subject) =>
        Sign(new JoinTokenClaims(subject, ClassroomRole.Teacher, allianceId, lessonId, schoolId, null, teacherId,
            [JoinTokenScopes.Play, JoinTokenScopes.Publish], default, LessonExpiry(lessonEnd), NewId()));

    public Issued ForClassroom(long allianceId, string lessonId, long schoolId, long classroomId, DateTimeOffset lessonEnd, string? subject = null) =>
        Sign(new JoinTokenClaims(subject ?? $"room:{classroomId}", ClassroomRole.Classroom, allianceId, lessonId, schoolId, classroomId, null,
            [JoinTokenScopes.Hub, JoinTokenScopes.Play, JoinTokenScopes.Camera], default, LessonExpiry(lessonEnd), NewId()));

    /// <summary>
    /// A room the teacher brought on stage may publish; this token says so for 15 minutes. The
    /// hub asks again while the room stays on stage, so taking it off stage ends its right to
    /// publish within minutes, not at the end of the lesson.
    /// </summary>
    public Issued ForStage(long allianceId, string lessonId, long schoolId, long classroomId, DateTimeOffset lessonEnd)
    {
        var now = clock.GetUtcNow();
        var expiry = LessonExpiry(lessonEnd);
        var cap = now + StageTokenLifetime;
        return Sign(new JoinTokenClaims($"room:{classroomId}", ClassroomRole.Classroom, allianceId, lessonId, schoolId, classroomId, null,
            [JoinTokenScopes.Publish, JoinTokenScopes.Play], default, expiry < cap ? expiry : cap, NewId()));
    }

    public Issued ForStudent(long allianceId, long schoolId, long classroomId, string studentId, TimeSpan lifetime) =>
        Sign(new JoinTokenClaims($"student:{schoolId}:{studentId}", ClassroomRole.Student, allianceId, null, schoolId, classroomId, null,
            [JoinTokenScopes.Replay], default, clock.GetUtcNow() + lifetime, NewId()));

    /// <summary>An admin watching a lesson of their scope: hub (read-only calls) and play, never publish.</summary>
    public Issued ForObserver(long allianceId, string lessonId, string subject, DateTimeOffset lessonEnd) =>
        Sign(new JoinTokenClaims(subject, ClassroomRole.Admin, allianceId, lessonId, null, null, null,
            [JoinTokenScopes.Admin, JoinTokenScopes.Hub, JoinTokenScopes.Play], default, LessonExpiry(lessonEnd), NewId()));

    /// <summary>
    /// A person observing a lesson (docs/observe.md): play only — no publish, no wall camera, no
    /// hub — so they are in no presence list and in no room count. Role admin: the relay lets
    /// admins receive the room wall.
    /// </summary>
    public Issued ForWatcher(long allianceId, string lessonId, string subject, DateTimeOffset lessonEnd) =>
        Sign(new JoinTokenClaims(subject, ClassroomRole.Admin, allianceId, lessonId, null, null, null,
            [JoinTokenScopes.Play], default, LessonExpiry(lessonEnd), NewId()));

    public bool TryValidate(string token, out JoinTokenClaims? claims, out JoinTokenError error) =>
        JoinTokenCodec.TryValidate(token, keys.PublicKey, clock.GetUtcNow(), out claims, out error);

    private DateTimeOffset LessonExpiry(DateTimeOffset lessonEnd) => lessonEnd.AddMinutes(options.Value.JoinTokenGraceMinutes);

    private Issued Sign(JoinTokenClaims claims)
    {
        var now = clock.GetUtcNow();
        var stamped = claims with { IssuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()) };
        return new Issued(JoinTokenCodec.Sign(stamped, keys.PrivateKey), stamped.ExpiresAt);
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
