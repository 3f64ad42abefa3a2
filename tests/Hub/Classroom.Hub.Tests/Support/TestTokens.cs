using System.Security.Cryptography;
using Classroom.Contracts.Tokens;

namespace Classroom.Hub.Tests.Support;

/// <summary>Signs join tokens with the key pair the fixture created in the host's data folder (the scheduler's role in production).</summary>
public sealed class TestTokens(ECDsa key, TimeProvider time)
{
    public ECDsa Key => key;

    public string Teacher(string lesson = TestLessons.A, long teacherId = 10, long schoolId = 1, long alliance = TestLessons.Alliance) =>
        Sign(new JoinTokenClaims("teacher:" + teacherId, ClassroomRole.Teacher, alliance, lesson, schoolId, null, teacherId,
            [JoinTokenScopes.Hub, JoinTokenScopes.Publish], time.GetUtcNow(), time.GetUtcNow().AddHours(2), Guid.NewGuid().ToString("N")));

    public string Room(long roomId, long schoolId, string lesson = TestLessons.A, long alliance = TestLessons.Alliance) =>
        Sign(new JoinTokenClaims("room:" + roomId, ClassroomRole.Classroom, alliance, lesson, schoolId, roomId, null,
            [JoinTokenScopes.Hub, JoinTokenScopes.Play], time.GetUtcNow(), time.GetUtcNow().AddHours(2), Guid.NewGuid().ToString("N")));

    public string Student(long schoolId, long? roomId, string lesson = TestLessons.A, string[]? scopes = null) =>
        Sign(new JoinTokenClaims("student:" + schoolId + "-" + roomId, ClassroomRole.Student, TestLessons.Alliance, lesson, schoolId, roomId, null,
            scopes ?? [JoinTokenScopes.Hub, JoinTokenScopes.Replay], time.GetUtcNow(), time.GetUtcNow().AddHours(2), Guid.NewGuid().ToString("N")));

    public string Admin(long alliance = TestLessons.Alliance) =>
        Sign(new JoinTokenClaims("admin:1", ClassroomRole.Admin, alliance, null, null, null, null,
            [JoinTokenScopes.Hub, JoinTokenScopes.Admin], time.GetUtcNow(), time.GetUtcNow().AddHours(2), Guid.NewGuid().ToString("N")));

    public string Sign(JoinTokenClaims claims) => JoinTokenCodec.Sign(claims, key);
}
